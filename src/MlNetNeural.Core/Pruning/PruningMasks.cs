using System.Numerics.Tensors;
using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Pruning;

/// <summary>
/// The pruning hooks of the training step: one keep-mask (1 = trained, 0 = pruned) per pruned dense layer's weights.
/// <see cref="BeginStep"/> tightens the masks on the schedule, <see cref="MaskGradients"/> zeroes the gradients of pruned
/// weights before clipping and the optimizer step (so they add nothing to the gradient norm and their optimizer state
/// decays), and <see cref="ApplyToWeights"/> zeroes the pruned weights after the step, so they stay exactly 0 whatever
/// the optimizer does. Weights that are exactly zero when the masks are made count as pruned already, so a pruned
/// network stays pruned when it is trained further.
/// </summary>
internal sealed class PruningMasks
{
    private readonly DenseLayer[] _layers;
    private readonly int[] _layerIndices;
    private readonly float[][] _keep;
    private readonly float[][] _weights, _chosen;
    private readonly float[] _magnitudes;
    private readonly PruningScope _scope;
    private readonly PruningSettings? _schedule;
    private readonly int _stepsPerEpoch;

    /// <summary>Masks over the chosen dense layers for one-shot pruning.</summary>
    public PruningMasks(Network network, IReadOnlyList<int>? layers, PruningScope scope)
    {
        _layerIndices = (layers ?? Enumerable.Range(0, network.Layers.Count).Where(i => network.Layers[i] is DenseLayer).ToArray()).ToArray();
        _layers = new DenseLayer[_layerIndices.Length];
        for (int i = 0; i < _layerIndices.Length; i++)
        {
            int index = _layerIndices[i];
            network.CheckLayerIndex(index, "Pruning", nameof(layers));
            _layers[i] = network.Layers[index] as DenseLayer ?? throw new ArgumentException(
                $"Pruning names layer {index}, a {network.Layers[index].Description}; magnitude pruning applies to dense layers" +
                (network.Layers[index] is SparseDenseLayer ? " (turn a sparse layer back into a dense one with ToDense() to prune it further)." : "."), nameof(layers));
        }
        if (_layers.Length == 0) throw new ArgumentException("The network has no dense layers to prune.", nameof(layers));
        _keep = _layers.Select(layer => layer.Weights.Values.Select(w => w == 0f ? 0f : 1f).ToArray()).ToArray();
        _weights = _layers.Select(layer => layer.Weights.Values).ToArray();
        _chosen = _keep.Select(keep => new float[keep.Length]).ToArray();
        _magnitudes = new float[_keep.Sum(keep => keep.Length)];
        _scope = scope;
    }

    /// <summary>Masks that follow <paramref name="schedule"/> during a run of <paramref name="stepsPerEpoch"/> steps per epoch.</summary>
    public PruningMasks(Network network, PruningSettings schedule, int stepsPerEpoch) : this(network, schedule.LayersToPrune(network), schedule.Scope)
    {
        _schedule = schedule;
        _stepsPerEpoch = stepsPerEpoch;
    }

    /// <summary>True once the schedule's last update has been applied (epochs from then on may be kept as the best).</summary>
    public bool ReachedTarget { get; private set; }

    /// <summary>Before step <paramref name="step"/> (counted from 0 over the run): applies the schedule's mask update, if one falls on it.</summary>
    public void BeginStep(long step)
    {
        if (_schedule?.UpdateAt(step, _stepsPerEpoch) is not float sparsity) return;
        Update(sparsity);
        if (sparsity == _schedule.TargetSparsity) ReachedTarget = true;
    }

    /// <summary>
    /// Re-ranks the weights and zeroes the smallest so that <paramref name="sparsity"/> of them is pruned. Masks only
    /// grow: a weight pruned earlier stays pruned even when it would not be chosen now.
    /// </summary>
    public void Update(float sparsity)
    {
        MagnitudePruning.Select(_weights, _chosen, sparsity, _scope, _magnitudes);
        for (int i = 0; i < _keep.Length; i++) TensorPrimitives.Min(_keep[i], _chosen[i], _keep[i]);
        ApplyToWeights();
    }

    /// <summary>Hook after the gradient adjustments, before clipping and the optimizer: pruned weights get no gradient.</summary>
    public void MaskGradients()
    {
        for (int i = 0; i < _layers.Length; i++) MaskGradient(_layers[i].Weights.Gradient, _keep[i]);
    }

    /// <summary>Zeroes the gradients of pruned weights in one span (keep-mask 0).</summary>
    internal static void MaskGradient(Span<float> gradient, ReadOnlySpan<float> keep) => TensorPrimitives.Multiply(gradient, keep, gradient);

    /// <summary>Sets pruned weights in one span (keep-mask 0) back to exactly 0.</summary>
    internal static void ZeroPruned(Span<float> weights, ReadOnlySpan<float> keep)
    {
        for (int j = 0; j < weights.Length; j++) if (keep[j] == 0f) weights[j] = 0f;
    }

    /// <summary>The mask of <paramref name="parameter"/> (1 kept, 0 pruned, updated in place as pruning tightens), or null when it is not masked.</summary>
    public float[]? MaskOf(Parameter parameter)
    {
        int index = Array.FindIndex(_layers, layer => ReferenceEquals(layer.Weights, parameter));
        return index < 0 ? null : _keep[index];
    }

    /// <summary>Hook after the optimizer step: pruned weights are set back to exactly 0.</summary>
    public void ApplyToWeights()
    {
        for (int i = 0; i < _layers.Length; i++) ZeroPruned(_layers[i].Weights.Values, _keep[i]);
    }

    /// <summary>The fraction of pruned weights in each masked layer, by layer index.</summary>
    public IReadOnlyDictionary<int, float> LayerSparsity()
    {
        var result = new SortedDictionary<int, float>();
        for (int i = 0; i < _layers.Length; i++) result[_layerIndices[i]] = (float)(_keep[i].Count(k => k == 0f) / (double)_keep[i].Length);
        return result;
    }
}
