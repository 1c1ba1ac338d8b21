// Autograd: mist's numeric core, in plain Swift (no C, no external numeric library).
//
// The pieces, and how a model uses them:
//
// - `Tensor`: row-major `[Float]` plus a shape. Kernels view it as `rows × columns` (columns =
//   last dimension): row broadcasting, softmax, concat and split all act on that view.
// - `Weights`: the values of named parameters, a copy-on-write value; `Parameter` is a handle
//   into it (name, slot, shape; names key checkpoint tensors). Tapes read a `Weights` value.
// - `Tape(reading: weights)`: one per thread per forward pass. `tape.parameter(p)` / `tape.embedding(table, rows)`
//   read parameters; ops (`matmul`, `add`, `tanh`, `softmax(_:mask:)`, `gatherRows`, …) build
//   the graph; `tape.backward(from: loss)` returns `Gradients`. `Tape(recording: false)` is the
//   inference path: same code, nothing recorded. New primitives are one `tape.record` call
//   with a backward closure (see any file in `Ops/`).
// - `Gradients`: dense tensors for parameters read whole, `SparseRows` for tables read by
//   rows. Two half-batch tapes on two threads merge with `add(_:)`; sparse stays sparse.
// - `SGD`, `Adam` (lazy on sparse rows): `step(&weights, gradients, &state)` after every tape
//   is done; the optimizer's state (Adam's moments, step count) is a value checkpoints keep.
// - `SeededRandom` (xoshiro256**, in the Randomness module), `Tensor.normal`, `Tensor.glorotUniform`: all randomness.
// - `GEMM`: packed, blocked, SIMD, two-thread matrix product; `VectorMath`: eight-lane exp,
//   tanh, sigmoid. Both are public for fused ops written outside this module.
//
// Thread safety: `Tensor`, `Weights`, `Parameter`, `Variable`, `Gradients`, optimizers, their
// states and `SeededRandom` are `Sendable` values; `Tape` is confined to the thread that made it.
