-- bench/search/rotate.lua - wrk script: GET each path of the file named by
-- $URLS in turn (one path per line), so the load rotates over many queries.
local paths = {}
for line in io.lines(os.getenv("URLS")) do
    paths[#paths + 1] = line
end
local i = 0
request = function()
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
end
