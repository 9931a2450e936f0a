using System.Globalization;

namespace MlNetNeural.Core.Pruning;

/// <summary>
/// Magnitude pruning during training (<see cref="Training.TrainerSettings.Pruning"/>): the weights of the pruned dense
/// layers with the smallest magnitudes are set to zero and kept there by a mask, while the remaining weights keep
/// training. Sparsity rises from <see cref="InitialSparsity"/> to <see cref="TargetSparsity"/> over
/// <see cref="RampEpochs"/> epochs from <see cref="StartEpoch"/> on the cubic schedule of Zhu and Gupta (2017, "To prune,
/// or not to prune", eq. 1): s(t) = s_f + (s_i − s_f)·(1 − (t − t₀)/(nΔt))³, updated every
/// <see cref="StepsBetweenUpdates"/> steps; with <see cref="RampEpochs"/> = 0 it is one-shot pruning followed by
/// fine-tuning. Biases are not pruned.
/// </summary>
public sealed record PruningSettings
{
    /// <summary>Fraction of the pruned layers' weights that are zero once the schedule ends, in (0, 1).</summary>
    public float TargetSparsity { get; init; }

    /// <summary>Sparsity of the first update, in [0, <see cref="TargetSparsity"/>]. Default 0 (Zhu and Gupta's s_i).</summary>
    public float InitialSparsity { get; init; }

    /// <summary>Epoch (from 0) at whose first step pruning starts. Default 0: prune from the start, as for a trained model being fine-tuned.</summary>
    public int StartEpoch { get; init; }

    /// <summary>Epochs over which the sparsity rises to its target; 0 (default) prunes to the target at once (one-shot).</summary>
    public int RampEpochs { get; init; }

    /// <summary>Training steps between mask updates (Zhu and Gupta's Δt); null (default) updates once per epoch.</summary>
    public int? StepsBetweenUpdates { get; init; }

    /// <summary>Rank the weights per layer (default) or over all pruned layers together.</summary>
    public PruningScope Scope { get; init; } = PruningScope.PerLayer;

    /// <summary>Indices of the dense layers to prune; null (default) prunes every dense layer (see <see cref="IncludeOutputLayer"/>).</summary>
    public IReadOnlyList<int>? Layers { get; init; }

    /// <summary>When <see cref="Layers"/> is null: whether the output layer is pruned along with the hidden ones. Default true (Zhu and Gupta prune every layer).</summary>
    public bool IncludeOutputLayer { get; init; } = true;

    /// <summary>The indices of the layers of <paramref name="network"/> these settings prune: <see cref="Layers"/>, or every dense layer (the output layer only with <see cref="IncludeOutputLayer"/>).</summary>
    /// <param name="network">The network being pruned.</param>
    public IReadOnlyList<int> LayersToPrune(Layers.Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return Layers ?? Enumerable.Range(0, network.Layers.Count)
            .Where(i => network.Layers[i] is Layers.DenseLayer && (IncludeOutputLayer || i < network.Layers.Count - 1)).ToArray();
    }

    /// <summary>Prune to <paramref name="sparsity"/> at the first step, then fine-tune with the mask kept.</summary>
    /// <param name="sparsity">The target sparsity, in (0, 1).</param>
    public static PruningSettings OneShot(float sparsity) => new() { TargetSparsity = sparsity };

    /// <summary>Raise the sparsity from 0 to <paramref name="sparsity"/> over <paramref name="rampEpochs"/> epochs from <paramref name="startEpoch"/> (Zhu and Gupta's cubic schedule), fine-tuning in between and after.</summary>
    /// <param name="sparsity">The target sparsity, in (0, 1).</param>
    /// <param name="rampEpochs">Epochs over which the sparsity rises, at least 1.</param>
    /// <param name="startEpoch">Epoch (from 0) at which pruning starts.</param>
    public static PruningSettings Gradual(float sparsity, int rampEpochs, int startEpoch = 0) =>
        new() { TargetSparsity = sparsity, RampEpochs = rampEpochs, StartEpoch = startEpoch };

    /// <summary>The epoch (from 0) at whose first step the target sparsity is reached.</summary>
    public int FinalEpoch => StartEpoch + RampEpochs;

    /// <summary>Throws when a setting is out of range, naming it; <paramref name="maxEpochs"/> must leave an epoch of fine-tuning at the target sparsity.</summary>
    /// <param name="maxEpochs">The training run's epoch budget.</param>
    public void Validate(int maxEpochs)
    {
        Require(TargetSparsity > 0f && TargetSparsity < 1f, nameof(TargetSparsity), TargetSparsity, "must be in (0, 1): the fraction of weights set to zero");
        Require(InitialSparsity >= 0f && InitialSparsity <= TargetSparsity, nameof(InitialSparsity), InitialSparsity, $"must be in [0, TargetSparsity = {TargetSparsity}]");
        Require(StartEpoch >= 0, nameof(StartEpoch), StartEpoch, "must be 0 or more");
        Require(RampEpochs >= 0, nameof(RampEpochs), RampEpochs, "must be 0 (one-shot) or more");
        Require(StepsBetweenUpdates is null or >= 1, nameof(StepsBetweenUpdates), StepsBetweenUpdates, "must be at least 1, or null for once per epoch");
        Require(Enum.IsDefined(Scope), nameof(Scope), Scope, "must be PerLayer or Global");
        if (FinalEpoch >= maxEpochs)
            throw new ArgumentOutOfRangeException(nameof(RampEpochs), RampEpochs, string.Create(CultureInfo.InvariantCulture,
                $"Pruning reaches its target sparsity at the start of epoch {FinalEpoch + 1} (StartEpoch {StartEpoch} + RampEpochs {RampEpochs}), but training has only {maxEpochs} epochs; raise MaxEpochs above {FinalEpoch} so that the pruned network is fine-tuned for at least one epoch."));
    }

    /// <summary>
    /// The sparsity of the mask update at step <paramref name="step"/> (counted from 0 over the whole run), or null when
    /// no update happens at that step.
    /// </summary>
    /// <param name="step">The step about to run.</param>
    /// <param name="stepsPerEpoch">Mini-batches per epoch.</param>
    public float? UpdateAt(long step, int stepsPerEpoch)
    {
        long start = (long)StartEpoch * stepsPerEpoch, end = (long)FinalEpoch * stepsPerEpoch;
        long interval = StepsBetweenUpdates ?? stepsPerEpoch;
        if (step < start || step > end || ((step - start) % interval != 0 && step != end)) return null;
        if (step == end) return TargetSparsity;
        double remaining = 1.0 - (double)(step - start) / (end - start);
        return (float)(TargetSparsity + (InitialSparsity - TargetSparsity) * remaining * remaining * remaining);
    }

    private static void Require(bool condition, string name, object? value, string rule)
    {
        if (!condition) throw SettingOutOfRange.Create(name, value, rule, owner: "Pruning");
    }
}
