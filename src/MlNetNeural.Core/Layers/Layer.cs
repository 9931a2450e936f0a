using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;

namespace MlNetNeural.Core.Layers;

/// <summary>
/// One stage of a feed-forward network. A layer holds its parameters; everything that depends on a
/// batch (outputs, masks, saved pre-activations) lives in a <see cref="LayerBuffers"/> the caller
/// creates once with <see cref="CreateBuffers"/> and reuses, so that a training step allocates nothing.
/// </summary>
/// <remarks>
/// Each layer kind lives in one file of this assembly with everything it owns: its forward and backward
/// pass, its parameters, its description, its file format (<see cref="Format"/>, listed in
/// <see cref="LayerFormats"/>) and the <see cref="LayerSpec"/> that builds it for a <see cref="NetworkArchitecture"/>.
/// Layer kinds are defined only here, so that every network can be saved and loaded.
/// </remarks>
public abstract class Layer
{
    /// <summary>Creates a layer mapping <paramref name="inputSize"/> values per row to <paramref name="outputSize"/>.</summary>
    /// <param name="inputSize">Values per input row.</param>
    /// <param name="outputSize">Values per output row.</param>
    protected Layer(int inputSize, int outputSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        InputSize = inputSize;
        OutputSize = outputSize;
    }

    /// <summary>Values per input row.</summary>
    public int InputSize { get; }

    /// <summary>Values per output row.</summary>
    public int OutputSize { get; }

    /// <summary>The trainable parameters (empty for layers without any).</summary>
    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>One line for model cards and messages, e.g. "dense 30 → 64, ReLU".</summary>
    public abstract string Description { get; }

    /// <summary>The layer's kind in the network file format.</summary>
    internal abstract LayerFormat Format { get; }

    /// <summary>Writes the layer's fields (everything after its kind byte); <see cref="LayerFormat.Read"/> reads them back.</summary>
    /// <param name="writer">The network file being written.</param>
    internal abstract void WriteFields(BinaryWriter writer);

    /// <summary>Allocates the per-batch working memory for batches of up to <paramref name="maxBatch"/> rows.</summary>
    /// <param name="maxBatch">Largest batch that will be passed.</param>
    public virtual LayerBuffers CreateBuffers(int maxBatch) => new(maxBatch * OutputSize);

    /// <summary>
    /// Allocates working memory for inference passes only (see <see cref="Network.CreateScoringWorkspace"/>): a layer whose
    /// product gains from weights packed once (a dense layer) keeps a packed copy of its current weights in it.
    /// </summary>
    /// <param name="maxBatch">Largest batch that will be passed.</param>
    internal virtual LayerBuffers CreateScoringBuffers(int maxBatch) => CreateBuffers(maxBatch);

    /// <summary>Computes the layer's output for <paramref name="batch"/> rows into <see cref="LayerBuffers.Output"/>.</summary>
    /// <param name="input">batch × <see cref="InputSize"/> values, row-major.</param>
    /// <param name="buffers">This layer's buffers from <see cref="CreateBuffers"/>.</param>
    /// <param name="batch">Rows in this batch.</param>
    /// <param name="mode">Training (stochastic layers active) or inference.</param>
    public abstract void Forward(ReadOnlySpan<float> input, LayerBuffers buffers, int batch, ForwardMode mode);

    /// <summary>
    /// Back-propagates: given dLoss/dOutput, writes dLoss/dParameters into each <see cref="Parameter.Gradient"/>
    /// (overwriting) and, when <paramref name="inputGradient"/> is not empty, dLoss/dInput.
    /// </summary>
    /// <param name="input">The input passed to the matching <see cref="Forward"/> call.</param>
    /// <param name="buffers">The buffers used in that call.</param>
    /// <param name="outputGradient">dLoss/dOutput, batch × <see cref="OutputSize"/>; may be overwritten.</param>
    /// <param name="inputGradient">Destination for dLoss/dInput, batch × <see cref="InputSize"/>, or empty to skip it.</param>
    /// <param name="batch">Rows in this batch.</param>
    /// <param name="threads">Upper bound on worker threads for matrix products.</param>
    public abstract void Backward(ReadOnlySpan<float> input, LayerBuffers buffers, Span<float> outputGradient, Span<float> inputGradient, int batch, int threads);

    /// <summary>
    /// Back-propagates through a layer whose parameters are frozen: writes dLoss/dInput only. The default runs
    /// <see cref="Backward"/> and leaves its parameter gradients unused; layers whose parameter gradients cost real
    /// work (the weight-gradient product of a dense layer) override it to skip them.
    /// </summary>
    /// <param name="input">The input passed to the matching <see cref="Forward"/> call.</param>
    /// <param name="buffers">The buffers used in that call.</param>
    /// <param name="outputGradient">dLoss/dOutput, batch × <see cref="OutputSize"/>; may be overwritten.</param>
    /// <param name="inputGradient">Destination for dLoss/dInput, batch × <see cref="InputSize"/>.</param>
    /// <param name="batch">Rows in this batch.</param>
    /// <param name="threads">Upper bound on worker threads for matrix products.</param>
    public virtual void BackwardInputOnly(ReadOnlySpan<float> input, LayerBuffers buffers, Span<float> outputGradient, Span<float> inputGradient, int batch, int threads) =>
        Backward(input, buffers, outputGradient, inputGradient, batch, threads);
}

/// <summary>How a forward pass runs.</summary>
/// <param name="Training">True while training: dropout is active.</param>
/// <param name="Random">Source of randomness for stochastic layers; required when they are active.</param>
/// <param name="Threads">Upper bound on worker threads for matrix products.</param>
public readonly record struct ForwardMode(bool Training, DeterministicRandom? Random, int Threads)
{
    /// <summary>Deterministic inference on the calling thread.</summary>
    public static ForwardMode Inference => new(false, null, 1);

    /// <summary>
    /// True in a training run's steps and in its validation after each epoch, set by the trainer only. Each dropout layer then takes one 64-bit seed from
    /// <see cref="Random"/> per batch and draws every row's mask from a generator of that row's own
    /// (<see cref="DeterministicRandom.FillRowKeepMask"/>), so the rows split between the compute team's threads with the
    /// same masks for any thread count; and periodic embeddings use their faster sine, cosine and sums
    /// (<see cref="PeriodicEmbeddingLayer"/>), also in the validation, whose losses only the run reads (within about 1e-7 of
    /// the library's functions, so the epoch kept can differ from an exact evaluation's only where two epochs' losses tie to
    /// that precision). False (scoring, Monte-Carlo dropout, attributions, the loss reported with the trained model, callers
    /// of the public API):
    /// the masks are the next values of <see cref="Random"/>, row after row, and every layer computes exactly as saved
    /// models were scored when they were saved.
    /// </summary>
    internal bool InTrainingRun { get; init; }

    /// <summary>
    /// True where no backward pass follows this forward pass on its workspace (a training run's validation, set by the
    /// trainer only): layers then skip what only a backward pass reads (a periodic embedding's sines on the library's path,
    /// a GELU's derivative in a training run). The outputs are the same bits either way.
    /// </summary>
    internal bool ForwardOnly { get; init; }
}
