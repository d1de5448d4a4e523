# RefHuman: `make serve` and `make test` are the whole set-up (README.md).
SWIFT ?= swift
DB ?= data/refhuman.sqlite
# Debian packages the build, the tests and the bundled dataset need.
DEB_PACKAGES := libsqlite3-dev sqlite3 libstb-dev zlib1g-dev libssl-dev libmicrohttpd-dev pkg-config dataset-fashion-mnist gzip curl chromium chromium-driver python3-selenium libopenblas-dev strace caddy openssl wordnet-base
BENCH_PACKAGES := nginx gcc python3-numpy python3-scipy python3-torch python3-venv python3-attr python3-dateutil
BENCH_VENV := .build/bench-venv
FASHION := /usr/share/datasets/fashion-mnist

.PHONY: deps build release lint test serve bench bundle clean install install-files

# Installs only what is missing, so warm runs stay fast and offline.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "missing Debian packages; run: sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build --build-tests

release: deps
	$(SWIFT) build -c release --product refhuman

# C modules behind one Swift module each, files named after their type (Tests/lint.py).
lint:
	/usr/bin/python3 Tests/lint.py

# Lint first: its failures show in a second, before the build.
test: lint build
	$(SWIFT) test --skip-build
	/usr/bin/python3 Tests/UI/run_ui_tests.py .build/debug/refhuman

# Installs refhuman as PREFIX/bin/refhuman with its web files in PREFIX/share/refhuman/Public,
# where `refhuman serve` finds them from any working directory.
PREFIX ?= /usr/local
install: release
	@$(MAKE) --no-print-directory install-files BIN=.build/release/refhuman

# The copying alone, from BIN (the tests install a debug binary this way).
install-files:
	install -D -m 755 $(BIN) $(PREFIX)/bin/refhuman
	rm -rf $(PREFIX)/share/refhuman/Public && mkdir -p $(PREFIX)/share/refhuman
	cp -R Public $(PREFIX)/share/refhuman/Public

# Imports the bundled dataset and stores the bundled classifier's predictions into an empty
# database, then serves it on 127.0.0.1:8080.
serve: release
	@if [ ! -s "$(DB)" ] || [ -z "$$(.build/release/refhuman datasets --db $(DB) --json | grep '"name"')" ]; then \
	  .build/release/refhuman import bundle Datasets/fashion-mnist --db $(DB) && \
	  .build/release/refhuman classify --dataset fashion-mnist --model Datasets/fashion-mnist/classifier.safetensors \
	    --name refhuman-cnn --db $(DB); \
	fi
	.build/release/refhuman datasets --db $(DB)
	.build/release/refhuman serve --db $(DB) --host 127.0.0.1 --port 8080

bench: deps
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(BENCH_PACKAGES)"
	$(SWIFT) build -c release --product ImportBenchmark
	$(SWIFT) build -c release --product ReportBenchmark
	$(SWIFT) build -c release --product JudgementBenchmark
	$(SWIFT) build -c release --product ClassifierBenchmark
	$(SWIFT) build -c release --product refhuman
	@test -x $(BENCH_VENV)/bin/python || /usr/bin/python3 -m venv --system-site-packages $(BENCH_VENV)
	@$(BENCH_VENV)/bin/python -c "import onnxruntime, onnx, safetensors, uvloop, crowdkit.aggregation" 2>/dev/null || \
	  $(BENCH_VENV)/bin/pip install -q --no-deps -c Benchmarks/constraints.txt -r Benchmarks/requirements.txt
	.build/release/ImportBenchmark $(FASHION)
	.build/release/JudgementBenchmark
	.build/release/ClassifierBenchmark --inference 0 --train-images 60000
	$(BENCH_VENV)/bin/python Benchmarks/classifier_reference.py --swift .build/release/ClassifierBenchmark
	.build/release/ReportBenchmark $(BENCH_VENV)/bin/python
	$(BENCH_VENV)/bin/python Benchmarks/capacity.py --refhuman .build/release/refhuman
	$(BENCH_VENV)/bin/python Benchmarks/request_cost.py --refhuman .build/release/refhuman

# Rebuilds Datasets/fashion-mnist from Debian's dataset-fashion-mnist (same seed, same bytes).
bundle: deps
	$(SWIFT) build --product refhuman
	.build/debug/refhuman bundle build --from $(FASHION) --out Datasets/fashion-mnist --seed 1708

clean:
	rm -rf .build
