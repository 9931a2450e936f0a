namespace MlNetNeural.Core.Layers;

/// <summary>
/// A feed-forward network: a chain of layers whose sizes match. The last layer produces raw outputs
/// (logits for classification); the loss turns them into probabilities or errors.
/// </summary>
public sealed class Network
{
    /// <summary>Creates a network from layers whose sizes chain (each input size equals the previous output size).</summary>
    /// <param name="layers">At least one layer.</param>
    public Network(IReadOnlyList<Layer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0) throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        for (int i = 1; i < layers.Count; i++)
        {
            if (layers[i].InputSize != layers[i - 1].OutputSize)
                throw new ArgumentException(
                    $"Layer {i} expects {layers[i].InputSize} inputs but layer {i - 1} produces {layers[i - 1].OutputSize}.", nameof(layers));
        }
        Layers = layers.ToArray();
        Parameters = Layers.SelectMany(layer => layer.Parameters).ToArray();
    }

    /// <summary>The layers, input side first.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>Every trainable parameter, in layer order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Values per input row.</summary>
    public int InputSize => Layers[0].InputSize;

    /// <summary>Values per output row.</summary>
    public int OutputSize => Layers[^1].OutputSize;

    /// <summary>The dense layers, input side first (dropout layers left out).</summary>
    public IEnumerable<DenseLayer> DenseLayers => Layers.OfType<DenseLayer>();

    /// <summary>One line per layer, input side first, e.g. "dense 30 → 64, ReLU" (for model cards).</summary>
    public IReadOnlyList<string> Describe() => Layers.Select(layer => layer.Description).ToArray();

    /// <summary>Total number of trainable values.</summary>
    public long ParameterCount => Parameters.Sum(p => (long)p.Values.Length);

    /// <summary>Allocates the working memory for forward and backward passes of up to <paramref name="maxBatch"/> rows.</summary>
    /// <param name="maxBatch">Largest batch that will be passed.</param>
    public NetworkWorkspace CreateWorkspace(int maxBatch) => new(this, maxBatch);

    /// <summary>
    /// Allocates working memory for scoring: <see cref="Forward"/> in <see cref="ForwardMode.Inference"/> mode with it gives
    /// the same bits as with <see cref="CreateWorkspace"/>, faster, most of all for one row (the dense layers' weights are packed
    /// once, here, for the product kernels instead of on every call). It holds a copy of the weights as they are now: create a
    /// new one after changing them (a forward pass in training mode with it uses the current weights). It is for forward
    /// passes only: it keeps nothing a backward pass needs (periodic embeddings skip their sines), and <see cref="Backward(ReadOnlySpan{float}, NetworkWorkspace, Span{float}, int, int, Span{float})"/>
    /// refuses it.
    /// </summary>
    /// <param name="maxBatch">Largest batch that will be passed.</param>
    public NetworkWorkspace CreateScoringWorkspace(int maxBatch) => new(this, maxBatch, scoring: true);

    /// <summary>Runs the network on <paramref name="batch"/> rows and returns its outputs (valid until the workspace is used again).</summary>
    /// <param name="input">batch × <see cref="InputSize"/> values, row-major.</param>
    /// <param name="workspace">Working memory from <see cref="CreateWorkspace"/>.</param>
    /// <param name="batch">Rows, at most the workspace's batch size.</param>
    /// <param name="mode">Training or inference.</param>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> input, NetworkWorkspace workspace, int batch, ForwardMode mode)
    {
        workspace.CheckBatch(this, batch);
        if (input.Length < batch * InputSize)
            throw new ArgumentException($"The input holds {input.Length} values; {batch} rows of {InputSize} need {batch * InputSize}.", nameof(input));
        ReadOnlySpan<float> current = input;
        for (int i = 0; i < Layers.Count; i++)
        {
            Layers[i].Forward(current, workspace.Buffers[i], batch, mode);
            current = workspace.Buffers[i].Output;
        }
        return current.Slice(0, batch * OutputSize);
    }

    /// <summary>
    /// Back-propagates dLoss/dOutput through the network after a <see cref="Forward"/> call on the same
    /// input and workspace, leaving dLoss/dParameter in every <see cref="Parameter.Gradient"/>.
    /// </summary>
    /// <param name="input">The input of the forward pass.</param>
    /// <param name="workspace">The workspace of the forward pass.</param>
    /// <param name="outputGradient">dLoss/dOutput, batch × <see cref="OutputSize"/>; overwritten.</param>
    /// <param name="batch">Rows.</param>
    /// <param name="threads">Upper bound on worker threads for matrix products.</param>
    /// <param name="inputGradient">Destination for dLoss/dInput (batch × <see cref="InputSize"/>, for attributions), or empty to skip it.</param>
    public void Backward(ReadOnlySpan<float> input, NetworkWorkspace workspace, Span<float> outputGradient, int batch, int threads,
        Span<float> inputGradient = default)
    {
        CheckInputGradient(workspace, batch, inputGradient);
        Backward(input, workspace, outputGradient, batch, threads, inputGradient, null, inputsOnly: false);
    }

    /// <summary>
    /// Back-propagates dLoss/dOutput to dLoss/dInput only, for attributions: every layer runs
    /// <see cref="Layer.BackwardInputOnly"/>, so the weight-gradient products are skipped and the parameters' gradients
    /// are not written (several readers may share one trained network).
    /// </summary>
    internal void BackwardToInput(ReadOnlySpan<float> input, NetworkWorkspace workspace, Span<float> outputGradient, int batch, int threads,
        Span<float> inputGradient)
    {
        if (inputGradient.IsEmpty) throw new ArgumentException("The input gradient is the result; pass room for it.", nameof(inputGradient));
        CheckInputGradient(workspace, batch, inputGradient);
        Backward(input, workspace, outputGradient, batch, threads, inputGradient, null, inputsOnly: true);
    }

    private void CheckInputGradient(NetworkWorkspace workspace, int batch, Span<float> inputGradient)
    {
        workspace.CheckBatch(this, batch);
        if (!inputGradient.IsEmpty && inputGradient.Length < batch * InputSize)
            throw new ArgumentException($"The input gradient holds {inputGradient.Length} values; {batch} rows of {InputSize} need {batch * InputSize}.", nameof(inputGradient));
    }

    /// <summary>
    /// Back-propagates for training with some layers frozen (see <see cref="Training.LayerFreezing"/>): a frozen layer
    /// passes the gradient on without computing its parameter gradients, and nothing below the first trainable layer
    /// runs at all (no input gradients are needed there).
    /// </summary>
    internal void Backward(ReadOnlySpan<float> input, NetworkWorkspace workspace, Span<float> outputGradient, int batch, int threads,
        Training.LayerFreezing freezing)
    {
        workspace.CheckBatch(this, batch);
        Backward(input, workspace, outputGradient, batch, threads, default, freezing, inputsOnly: false);
    }

    private void Backward(ReadOnlySpan<float> input, NetworkWorkspace workspace, Span<float> outputGradient, int batch, int threads,
        Span<float> inputGradient, Training.LayerFreezing? freezing, bool inputsOnly)
    {
        if (workspace.ForScoring)
            throw new InvalidOperationException("This workspace is for scoring (Network.CreateScoringWorkspace): it keeps nothing a backward pass needs. Use Network.CreateWorkspace.");
        int lowest = freezing?.FirstTrainableLayer ?? 0;
        Span<float> gradient = outputGradient;
        for (int i = Layers.Count - 1; i >= lowest; i--)
        {
            ReadOnlySpan<float> layerInput = i == 0 ? input : workspace.Buffers[i - 1].Output;
            Span<float> layerInputGradient = i == 0 ? inputGradient : i > lowest ? workspace.Gradients[i - 1] : default;
            if (!inputsOnly && (freezing is null || freezing.IsTrainable(i)))
                Layers[i].Backward(layerInput, workspace.Buffers[i], gradient, layerInputGradient, batch, threads);
            else
                Layers[i].BackwardInputOnly(layerInput, workspace.Buffers[i], gradient, layerInputGradient, batch, threads);
            gradient = layerInputGradient;
        }
    }

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> for <paramref name="parameterName"/> when <paramref name="index"/>
    /// is not a layer of this network; <paramref name="setting"/> names what chose it in the message (e.g. "LoRA").
    /// </summary>
    internal void CheckLayerIndex(int index, string setting, string parameterName)
    {
        if (index < 0 || index >= Layers.Count)
            throw new ArgumentOutOfRangeException(parameterName, index, $"{setting} names layer {index}, but the network has layers 0 to {Layers.Count - 1}.");
    }

    /// <summary>An independent copy of the network (every layer and value copied through the network file format).</summary>
    public Network Copy() => Serialization.NetworkSerializer.FromBytes(Serialization.NetworkSerializer.ToBytes(this));

    /// <summary>Copies every parameter value into a new snapshot (for early stopping's best weights).</summary>
    public float[][] SnapshotParameters() => Parameters.Select(p => (float[])p.Values.Clone()).ToArray();

    /// <summary>Copies every parameter value into an existing snapshot of matching shape.</summary>
    /// <param name="snapshot">From <see cref="SnapshotParameters"/>.</param>
    public void CopyParametersTo(float[][] snapshot)
    {
        for (int i = 0; i < Parameters.Count; i++) Parameters[i].Values.CopyTo(snapshot[i], 0);
    }

    /// <summary>Overwrites every parameter value from a snapshot.</summary>
    /// <param name="snapshot">From <see cref="SnapshotParameters"/> of this network.</param>
    public void RestoreParameters(float[][] snapshot)
    {
        if (snapshot.Length != Parameters.Count) throw new ArgumentException("The snapshot was taken from a different network.", nameof(snapshot));
        for (int i = 0; i < Parameters.Count; i++) snapshot[i].CopyTo(Parameters[i].Values, 0);
    }
}
