#!/usr/bin/env bash
# The whole recipe, end to end: data -> tokenizer -> pretrain -> instruct -> LR-QAT -> export -> eval.
#   models/recipe/pipeline.sh tiny            # proof run, a few minutes
#   models/recipe/pipeline.sh small           # the real thing (hours; each phase resumes if interrupted)
# Environment: N_SYNTH (synthetic designs), VOCAB (tokenizer size), RUNS (output root, default models/recipe/runs),
# THREADS (training threads; default the config's, 1 for a shared machine), GOLD_REPEAT (times each gold
# training pair appears in the instruction-tuning data; default the config's GOLD_REPEAT: 8 for small),
# DEVICE (cpu, or cuda on a GPU machine), BUDGET (minutes per training phase, or "config" for the config's
# BUDGET_MINUTES: the schedule runs over the budget; e.g. DEVICE=cuda BUDGET=config pipeline.sh medium).
set -euo pipefail
cd "$(dirname "$0")"
CONFIG=${1:-tiny}
PY=/usr/bin/python3
$PY -c 'import torch, onnx, numpy' 2>/dev/null || { echo "missing Debian packages: apt-get install -y python3-torch python3-onnx python3-numpy" >&2; exit 1; }
command -v ghdl >/dev/null || echo "note: ghdl not installed (apt-get install -y ghdl): no library sources in the corpus" >&2
case $CONFIG in
  tiny) N_SYNTH=${N_SYNTH:-300}; VOCAB=${VOCAB:-1024}; MAXLEN=512 ;;
  *)    N_SYNTH=${N_SYNTH:-3000}; VOCAB=${VOCAB:-8192}; MAXLEN=2048 ;;
esac
GOLD_REPEAT=${GOLD_REPEAT:-$($PY -c "from model import load_config; print(getattr(load_config('$CONFIG'), 'GOLD_REPEAT', 1))")}
RUNS=${RUNS:-runs}
DATA=$RUNS/data-$CONFIG; TOK=$RUNS/tok-$CONFIG; RUN=$RUNS/$CONFIG
step() { local t0=$(date +%s.%N); "$@"; printf '== %-10s %6.1f s\n' "$STEP" "$(echo "$(date +%s.%N) - $t0" | bc)"; }
STEP=designs;   step $PY prepare.py designs --out "$DATA" --n-synth "$N_SYNTH"
STEP=tokenizer; step $PY tokenizer.py --data "$DATA" --out "$TOK" --vocab "$VOCAB"
if node --import tsx -e '' 2>/dev/null; then   # the server's prompt builder, trimming in this tokenizer's tokens; else the Python stand-in
  STEP=pairs;   step node --import tsx make_pairs.ts "$DATA" --tokenizer "$TOK/tokenizer.json"
else
  STEP=pairs;   step $PY prepare.py pairs --data "$DATA"
fi
STEP=shards;    step $PY prepare.py shards --data "$DATA" --tok "$TOK" --max-len "$MAXLEN" --gold-repeat "$GOLD_REPEAT"
for phase in pretrain sft mix qat fpref; do   # mix: fp32 on qat's data, qat's start; fpref: fp32 trained like qat, a reference in eval
  STEP=$phase;  step $PY train.py --config "$CONFIG" --run "$RUN" --data "$DATA" --phase $phase ${THREADS:+--threads $THREADS} --device "${DEVICE:-cpu}" ${BUDGET:+--budget-minutes $BUDGET}
done
STEP=export;    step $PY export.py --config "$CONFIG" --run "$RUN" --tok "$TOK" --reference-pairs "$DATA/heldout_pairs.jsonl"
STEP=eval;      step $PY eval.py --config "$CONFIG" --run "$RUN" --data "$DATA" --tok "$TOK" --device "${DEVICE:-cpu}" ${EVAL_ARGS:-}
if node --import tsx -e '' 2>/dev/null; then   # the exports as the extension runs them: engine + grounding check
  STEP=grounding; step node --import tsx eval_grounding.ts "$DATA" "$RUN/eval_grounding.md" "$RUN/export/fp32=fp32" "$RUN/export/rtn=RTN int4" "$RUN/export/lrqat=LR-QAT int4" "$RUN/export/lrqat=LR-QAT int4, not constrained=free"
  STEP=scored;    step $PY eval.py --config "$CONFIG" --run "$RUN" --data "$DATA" --score-outputs "$RUN/eval_grounding.md.outputs.jsonl"
fi
