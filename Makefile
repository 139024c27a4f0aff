# Weir — build, run, test, benchmark. Every target works on a fresh machine with Go installed.
GO ?= go
BIN := bin/weir
WAREHOUSE ?= ./warehouse
# Packages with concurrent code, run under the race detector in CI.
RACE_PKGS := ./fileio/... ./paimon/snapshot/... ./paimon/table/... ./paimon/catalog/... ./engine/... ./connector/paimon/... ./sql/expr/...

.PHONY: build run test race vet fmt bench fuzz clean

build: ## Build the weir binary into bin/weir.
	$(GO) build -o $(BIN) ./cmd/weir

run: build ## Run Weir's main job on embedded defaults: a local warehouse in ./warehouse.
	$(BIN) demo --warehouse $(WAREHOUSE)

test: ## Run all tests (CI sets WEIR_REQUIRE_SERVICES=1).
	$(GO) test -count=1 -timeout 12m ./...

race: ## Run the concurrent packages under the race detector.
	$(GO) test -count=1 -race -timeout 12m $(RACE_PKGS)

vet: ## go vet and gofmt check.
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

bench: build ## Benchmarks: Go micro-benchmarks and weir bench (figures as ratios to a same-run baseline).
	$(GO) test -run '^$$' -bench . -benchtime 3x -count 1 -cpu 1 ./paimon/... ./bench/... | tee bench.out
	$(BIN) bench table --rows 500000
	$(BIN) bench upsert
	$(BIN) bench lookup
	$(BIN) bench stream-latency

fuzz: ## Run each fuzz target for a short while (FUZZTIME, default 20s).
	./scripts/fuzz-all.sh $(or $(FUZZTIME),20s)

clean:
	rm -rf bin warehouse bench.out
