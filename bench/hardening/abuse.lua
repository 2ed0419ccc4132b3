-- bench/hardening/abuse.lua - wrk script of an abusive client: every
-- request is as large as veille-searchd accepts (params.h) and as costly
-- as it can be made: about 1,000 bytes of common words ORed together,
-- 32 themes and 32 regions (real ids, $IDS: "theme id" or "region id"
-- lines), 100 results a page, facets on; random each time, so that no
-- answer is ever cached.
local words, themes, regions = {}, {}, {}
for line in io.lines(os.getenv("WORDS")) do words[#words + 1] = line end
for line in io.lines(os.getenv("IDS")) do
    local kind, id = line:match("^(%S+) (%S+)$")
    if kind == "theme" then themes[#themes + 1] = id elseif kind == "region" then regions[#regions + 1] = id end
end
local function pick(list, n)
    local out = {}
    for i = 1, math.min(n, #list) do out[i] = list[math.random(#list)] end
    return table.concat(out, ",")
end
local function escape(s)
    return (s:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
request = function()
    local q, n = {}, 0
    while n < 800 do
        local w = words[math.random(#words)]
        q[#q + 1] = w
        n = n + #w + 4
    end
    local path = "/api/search?per_page=100&q=" .. escape(table.concat(q, " OR ")) ..
                 "&theme=" .. pick(themes, 32) .. "&region=" .. pick(regions, 32)
    return wrk.format("GET", path)
end
