"""Tiny configuration: seconds per phase, for tests and the end-to-end proof run."""
# model
VOCAB = 1024          # >= the tokenizer's vocabulary (tokenizer.py --vocab)
DIM = 64              # residual width
N_LAYERS = 2
N_HEADS = 4           # query heads; head_dim = DIM / N_HEADS = 16
N_KV_HEADS = 2        # key/value heads (grouped-query attention)
FFN_DIM = 128         # SwiGLU hidden width (multiple of 32 for int4 blocks)
MAX_SEQ = 512
ROPE_THETA = 10000.0
NORM_EPS = 1e-5
# training (per phase: pretrain, sft, qat)
THREADS = 2           # torch.set_num_threads
BATCH = 4             # sequences per step
SEQ = 128             # pretraining window
SFT_SEQ = 512         # longest instruction example (prompt + answer)
SFT_BATCH = 2         # examples per instruction-tuning step
STEPS = {'pretrain': 30, 'sft': 20, 'qat': 20}
LR = {'pretrain': 3e-3, 'sft': 1e-3, 'qat': 1e-3}
MIN_LR_FRAC = 0.1     # cosine schedule ends at LR * MIN_LR_FRAC
WARMUP = 5
WEIGHT_DECAY = 0.1
GRAD_CLIP = 1.0
BF16 = True           # bf16 autocast on CPU
CKPT_EVERY = 10       # steps between checkpoints
EVAL_EVERY = 10
EVAL_BATCHES = 2
# LR-QAT
QAT_RANK = 4          # rank r of A (out x r) and B (r x in)
QAT_ALPHA = 4.0       # the update is (alpha / r) * A @ B
QAT_SCALE_LR_MULT = 0.01  # the scales' learning rate relative to LR['qat']
QUANT_HEAD = True     # quantize lm_head to int4 too (embeddings and norms stay fp32)
