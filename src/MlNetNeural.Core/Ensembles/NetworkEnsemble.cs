using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;

namespace MlNetNeural.Core.Ensembles;

/// <summary>
/// Seed ensembles as one network. <see cref="Merge"/> turns K trained networks of one architecture into a single
/// <see cref="Network"/> whose output is the mean of the members' outputs (logits for classification, the standardized
/// prediction for regression), so that everything that takes a network (scoring, Monte-Carlo dropout, attributions,
/// saving, ONNX export, fine-tuning) takes an ensemble unchanged. Averaging a few networks trained with different seeds
/// is the simplest reliable gain in accuracy and calibration (Lakshminarayanan, Pritzel and Blundell 2017, "Simple and
/// Scalable Predictive Uncertainty Estimation using Deep Ensembles"; Holzmüller et al. 2024 average RealMLP's seeds).
/// </summary>
/// <remarks>
/// Layer by layer: the input scaling is shared (its shift, scale and clip must be equal in every member; a member's
/// learnable gain is folded into what reads it, since the gain multiplies the clipped value linearly); the periodic
/// embeddings get every member's frequencies and phases side by side (k·K per feature) with a block-diagonal linear map
/// (d·K outputs per feature), so the features themselves pass through once and each member reads its own embedding
/// values; the first dense layer stacks the members' units; each further hidden layer is block-diagonal (a member's
/// units read only that member's units); the output layer reads every member's last hidden units with weights / K and
/// the mean bias. Merged layers are dense, with zeros where members do not connect, except large ones in which at most
/// half the weights can be non-zero: those are stored as <see cref="SparseDenseLayer"/>s holding just the members'
/// weights, so that a wide ensemble's block-diagonal layers grow K-fold, not K²-fold. Dropout layers keep their rate over the wider layers (each member's units draw their
/// own masks). A final fixed scaling without clip or gain (the map back to label units of a regression network) is
/// kept after the average; the mean commutes with it.
/// </remarks>
public static class NetworkEnsemble
{
    /// <summary>
    /// The one network that computes the mean of the members' outputs (within float rounding). The members are not
    /// changed. One member gives an equivalent copy of it (with any learnable gain folded into its consumer).
    /// </summary>
    /// <param name="members">Trained networks of one architecture: the same layers, sizes and activations, and the same input scaling
    /// and embedded features (as networks trained with one set of options on the same rows have).</param>
    /// <exception cref="ArgumentException">The members differ in architecture or input scaling, contain a layer kind that cannot be merged
    /// (LoRA, sparse), have no dense layer, or end in a non-linear output layer; the message names the member and layer.</exception>
    public static Network Merge(IReadOnlyList<Network> members)
    {
        var shape = EnsembleShape.Check(members);
        var merged = new List<Layer>(members[0].Layers.Count);
        var front = new MergedFront(members, shape.FirstDense);
        merged.AddRange(front.Layers);
        int width = front.OutputSize;
        for (int i = shape.FirstDense; i < members[0].Layers.Count; i++)
        {
            var layer = members[0].Layers[i] switch
            {
                DenseLayer => MergedDense.Merge(LayersAt<DenseLayer>(members, i), width,
                    i == shape.FirstDense ? front.ColumnOf : MergedDense.OwnBlock(members[0].Layers[i].InputSize), averageOutputs: i == shape.Output),
                DropoutLayer dropout => new DropoutLayer(width, dropout.Rate),
                FeatureScalingLayer mapBack => new FeatureScalingLayer(mapBack.Shift, mapBack.Scale),
                var other => throw new InvalidOperationException($"Layer {i} ({other.Description}) passed the ensemble checks but has no merge."),
            };
            merged.Add(layer);
            width = layer.OutputSize;
        }
        return new Network(merged);
    }

    /// <summary>
    /// The seed of ensemble member <paramref name="member"/> (from 1) of a run seeded with <paramref name="seed"/>: member 1
    /// uses the run's seed itself (so its network is the one the run trains without an ensemble), the others seeds derived
    /// from it with SplitMix64.
    /// </summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="member">The member, from 1.</param>
    public static int MemberSeed(int seed, int member)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(member, 1);
        return member == 1 ? seed : DeterministicRandom.DeriveSeed(seed, member);
    }

    /// <summary>The layer at position <paramref name="index"/> of every member.</summary>
    internal static TLayer[] LayersAt<TLayer>(IReadOnlyList<Network> members, int index) where TLayer : Layer =>
        members.Select(member => (TLayer)member.Layers[index]).ToArray();
}
