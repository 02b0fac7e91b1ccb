"""Medium configuration (~22M parameters, ~36 MB as int4 with fp32 embeddings and head): for a GPU machine.

Trained on one NVIDIA H200 with `--device cuda` and a time budget per phase (train.py --budget-minutes: the
cosine schedule runs over the budget, whichever of steps and time ends first); the step counts below are
upper bounds. On 2 CPU cores it would take days: use `small` there.
"""
# model
VOCAB = 8192          # the small config's tokenizer (tok-small)
DIM = 384             # residual width
N_LAYERS = 12
N_HEADS = 6           # head_dim = 64
N_KV_HEADS = 2        # grouped-query attention: 3 query heads per key/value head
FFN_DIM = 1024        # SwiGLU hidden width (multiple of 32)
MAX_SEQ = 2048
ROPE_THETA = 10000.0
NORM_EPS = 1e-5
# training
THREADS = 16          # CPU threads (data loading, export, CPU evaluation on the GPU machine)
BATCH = 64            # pretraining windows per step
SEQ = 1024            # pretraining window
SFT_SEQ = 2048        # a design plus its explanation
SFT_BATCH = 24        # pairs per instruction-tuning step (right-padded to the longest)
# Steps: pretraining ~10 epochs of the 5M-token corpus (64 x 1,024 tokens a step), instruction tuning ~1.5 epochs of
# the ~11,700 pairs (gold x8: each gold pair seen ~12 times); whichever of steps and --budget-minutes ends first.
STEPS = {'pretrain': 800, 'sft': 730, 'mix': 150, 'qat': 1500}
BUDGET_MINUTES = {'pretrain': 2.0, 'sft': 2.8, 'mix': 0.3, 'qat': 1.4}   # --budget-minutes config: one H200 lent for 15 minutes
GOLD_REPEAT = 8
LR = {'pretrain': 1.5e-3, 'sft': 5e-4, 'qat': 1e-3}
MIN_LR_FRAC = 0.1
WARMUP = 100
WEIGHT_DECAY = 0.1
GRAD_CLIP = 1.0
BF16 = True
CKPT_EVERY = 500
EVAL_EVERY = 100
EVAL_BATCHES = 4
# LR-QAT
QAT_RANK = 16
QAT_ALPHA = 16.0
QAT_SCALE_LR_MULT = 0.01
QUANT_HEAD = False
QAT_DISTILL = True
QAT_DISTILL_TOKENS = 'all'
QAT_INIT_SCALES = 'mse'
