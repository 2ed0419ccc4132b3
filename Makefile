# Veille - the only build file.  Targets: all, check, run, install, clean,
# deps, asan, bench, fuzz.  `make asan` builds into build-asan/ with
# AddressSanitizer and UBSan; `make check` runs the unit tests there too,
# and replays the fuzzers' seeds.  `make fuzz` builds the libFuzzer
# harnesses with clang into build-fuzz/ and runs each for FUZZ_SECONDS.

PREFIX ?= /usr/local
DESTDIR ?=
PKG_CONFIG ?= pkg-config
CC ?= cc
CXX ?= c++
BUILD ?= build
BINDIR ?= bin
SAN ?=
WERROR ?= -Werror
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# What each program links: the daemon reads the index and links no
# extractor (no poppler, libarchive, libmagic, raptor).
CORE_PKGS := xapian-core glib-2.0 json-glib-1.0
INDEXER_PKGS := $(CORE_PKGS) libmagic poppler-glib libxml-2.0 libarchive raptor2 libgsf-1 \
                tesseract lept cairo libcmark yaml-0.1
SEARCHD_PKGS := $(CORE_PKGS) libxml-2.0 libmicrohttpd
PKGS := $(sort $(INDEXER_PKGS) $(SEARCHD_PKGS))
# Debian packages behind PKGS, the tests and the benchmarks (see README);
# the unit tests draw PDFs with cairo (libcairo2-dev, poppler-glib's own)
# in DejaVu Sans.
DEB_BUILD := gcc g++ make pkg-config libxapian-dev libmagic-dev libpoppler-glib-dev \
             libglib2.0-dev libjson-glib-dev libxml2-dev libarchive-dev libmicrohttpd-dev \
             libcmocka-dev libraptor2-dev libcairo2-dev libgsf-1-dev libtesseract-dev \
             libleptonica-dev libcmark-dev libyaml-dev
# programs the indexer runs (legacy Word, Excel and RTF files) and the
# French model of its OCR
DEB_RUN := antiword catdoc unrtf tesseract-ocr-fra
DEB_TEST := xapian-tools poppler-utils zip file procps curl libxml2-utils nodejs chromium python3 \
            fonts-dejavu-core
DEB_BENCH := xapian-omega groff manpages-fr manpages-fr-dev wrk lighttpd wfrench python3 poppler-utils python3-xapian \
             postgresql postgresql-contrib libsqlite3-dev
DEB_FUZZ := clang-14 libclang-rt-14-dev

PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
SEARCHD_LIBS = $(shell $(PKG_CONFIG) --libs $(SEARCHD_PKGS) 2>/dev/null)

ifeq ($(SAN),1)
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT := -O1 -g
else ifeq ($(SAN),fuzz)
# clang: libFuzzer's coverage on every object; harnesses link -fsanitize=fuzzer
SANFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=undefined
OPT := -O1 -g
else
SANFLAGS :=
OPT := -O2 -g
endif

WARN := -Wall -Wextra $(WERROR)
CFLAGS_ALL = -std=c11 -D_GNU_SOURCE -DVEILLE_DATADIR='"$(PREFIX)/share/veille"' $(OPT) $(WARN) $(SANFLAGS) $(PKG_CFLAGS) -Ilib -Iindex -Iindexer -Ithesaurus -Isearchd $(CFLAGS)
CXXFLAGS_ALL = -std=c++17 $(OPT) $(WARN) $(SANFLAGS) $(PKG_CFLAGS) -Ilib $(CXXFLAGS)
LDFLAGS_ALL = $(SANFLAGS) $(LDFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lstdc++ -lm $(LDLIBS)

LIB_C := $(wildcard lib/*.c)
LIB_CXX := $(wildcard lib/xapian-c/*.cc)
INDEX_C := $(wildcard index/*.c)
INDEXER_C := $(filter-out indexer/main.c,$(wildcard indexer/*.c))
THESAURUS_C := $(wildcard thesaurus/*.c)
SEARCHD_C := $(filter-out searchd/main.c,$(wildcard searchd/*.c))
UNIT_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
# libFuzzer harnesses: tests/fuzz/fuzz_NAME.c, seeds in tests/fuzz/corpus/NAME/,
# an optional dictionary tests/fuzz/NAME.dict.  A new one is a name here.
FUZZERS := csv catalogue fold query snippet skos params multipart ppt markdown source
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang-14
FUZZ_CXX ?= clang++-14

LIB_OBJ := $(LIB_C:%.c=$(BUILD)/%.o) $(LIB_CXX:%.cc=$(BUILD)/%.o)
INDEX_OBJ := $(INDEX_C:%.c=$(BUILD)/%.o)
INDEXER_OBJ := $(INDEXER_C:%.c=$(BUILD)/%.o)
THESAURUS_OBJ := $(THESAURUS_C:%.c=$(BUILD)/%.o)
SEARCHD_OBJ := $(SEARCHD_C:%.c=$(BUILD)/%.o)
LIBVEILLE := $(BUILD)/libveille.a
LIBINDEX := $(BUILD)/libindex.a
LIBINDEXER := $(BUILD)/libindexer.a
LIBTHESAURUS := $(BUILD)/libthesaurus.a
UNIT_BINS := $(UNIT_TESTS:%=$(BUILD)/tests/%)
FUZZ_LINK = $(BUILD)/tests/fuzz/fuzzutil.o $(BUILD)/tests/unit/testutil.o $(SEARCHD_OBJ) \
            $(LIBINDEXER) $(LIBINDEX) $(LIBTHESAURUS) $(LIBVEILLE)

.PHONY: all check run install uninstall clean deps deps-bench deps-fuzz asan unit unit-asan \
        integration robustness bench bench-index bench-tagging bench-vocab bench-ocr bench-formats bench-relevance bench-search \
        corpus fuzz
.DELETE_ON_ERROR:

all: $(BINDIR)/veille-index $(BINDIR)/veille-searchd $(BINDIR)/veille-alerts

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC   $<"
	@$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/%.o: %.cc
	@mkdir -p $(dir $@)
	@echo "  CXX  $<"
	@$(CXX) $(CXXFLAGS_ALL) -MMD -MP -c $< -o $@

$(LIBVEILLE): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(LIBINDEX): $(INDEX_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(LIBINDEXER): $(INDEXER_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(LIBTHESAURUS): $(THESAURUS_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BINDIR)/veille-index: $(BUILD)/indexer/main.o $(LIBINDEXER) $(LIBINDEX) $(LIBTHESAURUS) $(LIBVEILLE)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

$(BINDIR)/veille-searchd: $(BUILD)/searchd/main.o $(SEARCHD_OBJ) $(LIBINDEX) $(LIBTHESAURUS) $(LIBVEILLE)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS_ALL) -o $@ $^ $(SEARCHD_LIBS) -lstdc++ -lm $(LDLIBS) -lpthread

$(BINDIR)/veille-alerts: $(BUILD)/alerts/main.o $(SEARCHD_OBJ) $(LIBINDEX) $(LIBTHESAURUS) $(LIBVEILLE)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS_ALL) -o $@ $^ $(SEARCHD_LIBS) -lstdc++ -lm $(LDLIBS) -lpthread

# a PDF drawn as a scan, for the integration tests (tests/integration/formats)
SCAN_PDF := $(BUILD)/tests/tools/scan_pdf
$(SCAN_PDF): $(BUILD)/tests/tools/scan_pdf.o $(BUILD)/tests/unit/testutil.o $(LIBINDEXER) \
             $(LIBINDEX) $(LIBTHESAURUS) $(LIBVEILLE)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL) $(FONTCONFIG_LIBS) -lcmocka

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(BUILD)/tests/unit/testutil.o $(LIBINDEXER) \
                  $(LIBINDEX) $(LIBTHESAURUS) $(LIBVEILLE)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS_ALL) -o $@ $(filter %.o,$^) $(filter %.a,$^) $(LDLIBS_ALL) $(FONTCONFIG_LIBS) -lcmocka

# unit tests of daemon parts link them too (objects before the libraries)
$(BUILD)/tests/test_response_cache: $(BUILD)/searchd/response_cache.o $(BUILD)/searchd/search_result.o
$(BUILD)/tests/test_facet_columns: $(BUILD)/searchd/facet_columns.o
$(BUILD)/tests/test_params: $(BUILD)/searchd/params.o
$(BUILD)/tests/test_multipart: $(BUILD)/searchd/multipart.o
$(BUILD)/tests/test_clients: $(BUILD)/searchd/clients.o
$(BUILD)/tests/test_reply_error: $(BUILD)/searchd/reply_error.o
$(BUILD)/tests/test_config: $(SEARCHD_OBJ)
$(BUILD)/tests/test_thesaurus: $(BUILD)/searchd/expansion.o
$(BUILD)/tests/test_routes: $(SEARCHD_OBJ)
$(BUILD)/tests/test_query: $(SEARCHD_OBJ)
$(BUILD)/tests/test_search: $(SEARCHD_OBJ)
$(BUILD)/tests/test_snippet: $(BUILD)/searchd/snippet.o $(BUILD)/searchd/wordmatch.o
$(BUILD)/tests/test_render: $(BUILD)/searchd/render_json.o $(BUILD)/searchd/feed.o \
                            $(BUILD)/searchd/search_result.o
$(BUILD)/tests/test_daemon_files: $(SEARCHD_OBJ)
$(BUILD)/tests/test_upload: $(SEARCHD_OBJ)
$(BUILD)/tests/test_demand: $(BUILD)/searchd/demand.o
# the unit tests (and the fuzz harnesses, which link testutil) draw PDFs
# with cairo and free fontconfig's caches at their end
# (testutil.h: test_release_font_caches)
FONTCONFIG_LIBS := $(shell $(PKG_CONFIG) --libs fontconfig 2>/dev/null)

# a harness with libFuzzer's main (SAN=fuzz), or with replay.c's, which runs
# each file given once (make check replays the seeds with the ASan build)
$(BUILD)/fuzz/%: $(BUILD)/tests/fuzz/fuzz_%.o $(FUZZ_LINK)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS_ALL) -fsanitize=fuzzer -o $@ $^ $(LDLIBS_ALL) $(FONTCONFIG_LIBS) -lcmocka

# (objects reached through these pattern rules are kept, not intermediate)
.SECONDARY: $(FUZZERS:%=$(BUILD)/tests/fuzz/fuzz_%.o) $(BUILD)/tests/fuzz/fuzzutil.o \
            $(BUILD)/tests/tools/scan_pdf.o \
            $(BUILD)/tests/fuzz/replay.o $(BUILD)/tests/unit/testutil.o

$(BUILD)/fuzz-replay/%: $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/fuzz/replay.o $(FUZZ_LINK)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL) $(FONTCONFIG_LIBS) -lcmocka

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# ---- Dependencies -------------------------------------------------------
# Installs the Debian packages that are missing (as root, or through sudo).
deps:
	@missing=$$(for p in $(DEB_BUILD) $(DEB_RUN) $(DEB_TEST); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	    echo "deps: installing:" $$missing; \
	    SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	    $$SUDO apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "deps: all Debian packages present"; fi
	@# Debian's nodejs comes without npm (NodeSource's includes it)
	@command -v npm > /dev/null || { SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends npm; }

# $(call deps_of,PACKAGES): installs those of PACKAGES that are missing.
define deps_of
	@missing=$$(for p in $(1); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	    SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	    $$SUDO apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; fi
endef

deps-bench:
	$(call deps_of,$(DEB_BENCH))

deps-fuzz:
	$(call deps_of,$(DEB_FUZZ))

# ---- Running ------------------------------------------------------------
VEILLE_DB ?= var/index
run: deps
	$(MAKE) all
	$(BINDIR)/veille-index --db $(VEILLE_DB) --thesaurus thesaurus corpus
	@echo "Serving on http://127.0.0.1:8080 (try /api/search?q=cls); Ctrl-C stops."
	$(BINDIR)/veille-searchd --db $(VEILLE_DB) --listen 127.0.0.1:8080

# ---- Tests --------------------------------------------------------------
unit: $(UNIT_BINS)
	@tests/run-unit $(UNIT_BINS)

asan:
	$(MAKE) BUILD=build-asan BINDIR=build-asan/bin SAN=1 all $(UNIT_TESTS:%=build-asan/tests/%) \
	    $(FUZZERS:%=build-asan/fuzz-replay/%)

unit-asan: asan
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	    tests/run-unit $(UNIT_TESTS:%=build-asan/tests/%)

integration: all
	@VEILLE_INDEX=$(BINDIR)/veille-index tests/integration/run

robustness: all
	@VEILLE_INDEX=$(BINDIR)/veille-index tests/integration/robustness

check: deps
	$(MAKE) all $(UNIT_BINS) $(SCAN_PDF)
	$(MAKE) asan
	@VEILLE_FUZZ_REPLAY=build-asan/fuzz-replay tests/run-all $(BINDIR)/veille-index $(UNIT_BINS) \
	    -- build-asan/bin/veille-index $(UNIT_TESTS:%=build-asan/tests/%)

# ---- Fuzzing (clang's libFuzzer, ASan, UBSan, leak checks) --------------
# Each harness runs FUZZ_SECONDS over its seeds and what earlier runs found
# (build-fuzz/corpus/NAME/); crashes go to build-fuzz/crashes/.  One at a time.
fuzz: deps-fuzz
	$(MAKE) BUILD=build-fuzz BINDIR=build-fuzz/bin SAN=fuzz CC=$(FUZZ_CC) CXX=$(FUZZ_CXX) \
	    $(FUZZERS:%=build-fuzz/fuzz/%)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run build-fuzz $(FUZZERS)

# ---- Benchmarks (print figures, assert nothing) --------------------------
bench: bench-tagging bench-vocab bench-relevance bench-index bench-search
bench-search: deps deps-bench all
	bench/search/run
bench-relevance: all
	bench/relevance
bench-index: deps deps-bench all
	bench/index
bench-tagging: $(BUILD)/bench/tagging
	$(BUILD)/bench/tagging corpus thesaurus

$(BUILD)/bench/tagging: $(BUILD)/bench/tagging.o $(LIBINDEXER) $(LIBINDEX) $(LIBTHESAURUS) $(LIBVEILLE)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)
# each format on real French text converted by LibreOffice (bench/formats/README.md)
DEB_BENCH_FORMATS := libreoffice-writer libreoffice-calc libreoffice-impress npm python3-xapian
bench-formats: all $(BUILD)/bench/ocr
	$(call deps_of,$(DEB_BENCH_FORMATS))
	bench/formats/run

# OCR word accuracy and pages per second on corpus/ PDFs drawn as scans
OCR_SCAN_DPI ?= 200
bench-ocr: $(BUILD)/bench/ocr
	@mkdir -p $(BUILD)/bench/ocr-scans
	$(BUILD)/bench/ocr $(BUILD)/bench/ocr-scans $(OCR_SCAN_DPI) $(or $(OCR_FILES),$(wildcard corpus/documents/00*.pdf))

$(BUILD)/bench/ocr: $(BUILD)/bench/ocr.o $(BUILD)/tests/unit/testutil.o $(LIBINDEXER) $(LIBINDEX) \
                   $(LIBTHESAURUS) $(LIBVEILLE)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL) $(FONTCONFIG_LIBS) -lcmocka

bench-vocab: $(BUILD)/bench/vocab
	$(BUILD)/bench/vocab thesaurus

$(BUILD)/bench/vocab: $(BUILD)/bench/vocab.o $(LIBTHESAURUS) $(LIBVEILLE)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

# ---- Corpus (sources -> PDFs; the PDFs are committed) -------------------
corpus:
	$(MAKE) -C corpus

# ---- Install --------------------------------------------------------------
# Binaries find share/veille beside themselves (lib/datadir.h), so a build
# for one PREFIX installs under another.  The configuration goes to
# SYSCONFDIR/veille/veille.ini only when there is none.  Without DESTDIR,
# the veille user and its folders are created at once (systemd-sysusers,
# systemd-tmpfiles), as a Debian package's postinst would.
SYSCONFDIR ?= /etc
UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR ?= $(PREFIX)/lib/tmpfiles.d
INSTALL_PATHS = sed -e 's|/usr/local|$(PREFIX)|g' -e 's|/etc/veille|$(SYSCONFDIR)/veille|g'

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/man/man8 $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) \
	    $(DESTDIR)$(TMPFILESDIR) $(DESTDIR)$(SYSCONFDIR)/veille \
	    $(DESTDIR)$(PREFIX)/share/veille/thesaurus $(DESTDIR)$(PREFIX)/share/veille/web
	install -m 755 $(BINDIR)/veille-index $(BINDIR)/veille-searchd $(BINDIR)/veille-alerts \
	    $(DESTDIR)$(PREFIX)/bin/
	install -m 644 docs/veille-index.1 docs/veille-alerts.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 docs/veille-searchd.8 $(DESTDIR)$(PREFIX)/share/man/man8/
	install -m 644 thesaurus/*.ttl $(DESTDIR)$(PREFIX)/share/veille/thesaurus/
	install -m 644 web/*.html web/*.js web/*.css $(DESTDIR)$(PREFIX)/share/veille/web/
	install -m 644 etc/veille.ini $(DESTDIR)$(PREFIX)/share/veille/veille.ini.example
	$(INSTALL_PATHS) docs/veille-searchd.service > $(DESTDIR)$(UNITDIR)/veille-searchd.service
	$(INSTALL_PATHS) docs/veille-index.service > $(DESTDIR)$(UNITDIR)/veille-index.service
	install -m 644 docs/veille-index.timer $(DESTDIR)$(UNITDIR)/
	$(INSTALL_PATHS) docs/veille-alerts.service > $(DESTDIR)$(UNITDIR)/veille-alerts.service
	install -m 644 docs/veille-alerts.timer $(DESTDIR)$(UNITDIR)/
	$(INSTALL_PATHS) docs/veille-shard@.service > $(DESTDIR)$(UNITDIR)/veille-shard@.service
	install -m 644 docs/veille-replicate-server.service docs/veille-replica@.service \
	    $(DESTDIR)$(UNITDIR)/
	install -m 644 docs/veille-sysusers.conf $(DESTDIR)$(SYSUSERSDIR)/veille.conf
	$(INSTALL_PATHS) docs/veille-tmpfiles.conf > $(DESTDIR)$(TMPFILESDIR)/veille.conf
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/veille/veille.ini ]; then \
	    echo "install: keeping $(DESTDIR)$(SYSCONFDIR)/veille/veille.ini" \
	         "(the new example is $(PREFIX)/share/veille/veille.ini.example)"; \
	else echo "install: $(DESTDIR)$(SYSCONFDIR)/veille/veille.ini"; \
	    install -m 640 etc/veille.ini $(DESTDIR)$(SYSCONFDIR)/veille/veille.ini; fi
	@if [ -z "$(DESTDIR)" ] && command -v systemd-sysusers > /dev/null; then \
	    echo "install: creating the veille user and /var/lib/veille"; \
	    systemd-sysusers $(SYSUSERSDIR)/veille.conf && \
	    systemd-tmpfiles --create $(TMPFILESDIR)/veille.conf; fi

# Leaves SYSCONFDIR/veille and /var/lib/veille (the configuration and the
# documents) and the veille user.
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/veille-index $(DESTDIR)$(PREFIX)/bin/veille-searchd \
	    $(DESTDIR)$(PREFIX)/bin/veille-alerts $(DESTDIR)$(UNITDIR)/veille-alerts.service \
	    $(DESTDIR)$(UNITDIR)/veille-alerts.timer \
	    $(DESTDIR)$(PREFIX)/share/man/man1/veille-index.1 \
	    $(DESTDIR)$(PREFIX)/share/man/man1/veille-alerts.1 \
	    $(DESTDIR)$(PREFIX)/share/man/man8/veille-searchd.8 \
	    $(DESTDIR)$(UNITDIR)/veille-searchd.service $(DESTDIR)$(UNITDIR)/veille-index.service \
	    $(DESTDIR)$(UNITDIR)/veille-index.timer $(DESTDIR)$(SYSUSERSDIR)/veille.conf \
	    $(DESTDIR)$(UNITDIR)/veille-shard@.service $(DESTDIR)$(UNITDIR)/veille-replica@.service \
	    $(DESTDIR)$(UNITDIR)/veille-replicate-server.service \
	    $(DESTDIR)$(TMPFILESDIR)/veille.conf
	rm -rf $(DESTDIR)$(PREFIX)/share/veille

clean:
	rm -rf build build-asan build-fuzz bin var
