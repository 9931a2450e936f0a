using System.Globalization;
using MlNetNeural.Core.Pruning;

namespace MlNetNeural.FineTuning;

/// <summary>
/// Magnitude pruning while the trainer runs (<see cref="Trainers.MlpTrainerOptions.Pruning"/>): the smallest weights are
/// set to zero and kept there, rising to <see cref="TargetSparsity"/> on Zhu and Gupta's cubic schedule (one-shot with
/// <see cref="RampEpochs"/> = 0) with training in between and after. Afterwards dead hidden units are removed and the pruned
/// layers are stored sparsely, so the model file shrinks with the sparsity. Usually combined with an initial model
/// (<see cref="MlpFineTuningOptions"/>): prune a trained model and fine-tune it. See docs/pruning.md.
/// </summary>
public sealed class MlpPruningOptions
{
    /// <summary>Fraction of the pruned layers' weights that are zero at the end, in (0, 1). Required.</summary>
    public float TargetSparsity { get; set; }

    /// <summary>
    /// Epochs over which the sparsity rises from 0 to the target; 0 prunes at once (one-shot) before the first step. Null
    /// (default) uses half of MaxEpochs, so the second half fine-tunes the network at its final sparsity.
    /// </summary>
    public int? RampEpochs { get; set; }

    /// <summary>Epoch (from 0) at which pruning starts. Default 0 (right away, as for a trained initial model; raise it when training from scratch).</summary>
    public int StartEpoch { get; set; }

    /// <summary>
    /// Rank the weights across all pruned layers (default: the target is the sparsity of their weights taken together, and
    /// a small output layer keeps more of its weights than the large hidden ones) or within each layer (every layer reaches
    /// the target). On the MNIST digits at 90% sparsity the global ranking kept the dense model's accuracy and the per-layer
    /// one lost about a point (docs/pruning.md).
    /// </summary>
    public PruningScope Scope { get; set; } = PruningScope.Global;

    /// <summary>Prune the output layer too. Default true.</summary>
    public bool PruneOutputLayer { get; set; } = true;

    /// <summary>Remove the hidden units pruning left dead (no weight in or no weight out), so the layers really shrink. Default true.</summary>
    public bool RemoveDeadUnits { get; set; } = true;

    /// <summary>Store the pruned layers sparsely (smaller files; the sparse kernel where it is faster). Default true.</summary>
    public bool StoreSparse { get; set; } = true;

    /// <summary>The core settings for a run of <paramref name="maxEpochs"/> epochs.</summary>
    internal PruningSettings ToSettings(int maxEpochs) => new()
    {
        TargetSparsity = TargetSparsity,
        RampEpochs = RampEpochs ?? maxEpochs / 2,
        StartEpoch = StartEpoch,
        Scope = Scope,
        IncludeOutputLayer = PruneOutputLayer,
    };

    /// <summary>A one-line summary for model cards and logs.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{TargetSparsity * 100:0.0}% sparsity, {(RampEpochs == 0 ? "one-shot" : $"over {(RampEpochs is int ramp ? $"{ramp} epochs" : "half the epochs")}")} from epoch {StartEpoch}, {Scope}{(PruneOutputLayer ? "" : ", output layer kept dense")}{(RemoveDeadUnits ? ", dead units removed" : "")}{(StoreSparse ? ", stored sparsely" : "")}");
}
