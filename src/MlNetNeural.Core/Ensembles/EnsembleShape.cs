using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Ensembles;

/// <summary>
/// The checks before a merge: every member has member 1's architecture, every layer is of a kind that merges and stands
/// where it can be merged (log compression, input scaling and embeddings in front of the first dense layer, dropout anywhere, a linear output
/// layer, then at most a fixed map back to label units), and the shared parts (log compression, input scaling, embedded
/// features) are equal.
/// </summary>
/// <param name="FirstDense">Position of the first dense layer: everything before it is the shared front.</param>
/// <param name="Output">Position of the last dense layer, whose outputs are averaged.</param>
internal sealed record EnsembleShape(int FirstDense, int Output)
{
    /// <summary>Checks <paramref name="members"/>; the exception names the member, the layer and what to do.</summary>
    public static EnsembleShape Check(IReadOnlyList<Network> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0) throw new ArgumentException("An ensemble needs at least one member network.", nameof(members));
        for (int r = 0; r < members.Count; r++)
            if (members[r] is null) throw new ArgumentException($"Member {r + 1} of the ensemble is null.", nameof(members));
        var first = members[0];
        CheckKinds(first, 1);
        for (int r = 1; r < members.Count; r++)
        {
            CheckKinds(members[r], r + 1);
            CheckSameArchitecture(first, members[r], r + 1);
        }
        var shape = Positions(first);
        CheckSharedFront(members, shape.FirstDense);
        CheckMapBack(members, shape.Output);
        return shape;
    }

    private static void CheckKinds(Network member, int number)
    {
        for (int i = 0; i < member.Layers.Count; i++)
        {
            var layer = member.Layers[i];
            string? refusal = layer switch
            {
                DenseLayer or DropoutLayer or LogCompressionLayer or FeatureScalingLayer or PeriodicEmbeddingLayer => null,
                LoraDenseLayer => "a LoRA-adapted dense layer; merge its adapters into the dense weights first (LoraAdapters.Merge)",
                SparseDenseLayer => "a sparse (pruned) layer; merge the dense members and prune the merged network afterwards, or turn the layer back into a dense one with ToDense()",
                _ => $"a {layer.GetType().Name}, a kind ensembles cannot merge (they merge dense, dropout, log-compression, feature-scaling and periodic-embedding layers)",
            };
            if (refusal is not null)
                throw new ArgumentException($"Member {number}'s layer {i} ({layer.Description}) is {refusal}.", "members");
        }
    }

    private static void CheckSameArchitecture(Network first, Network member, int number)
    {
        if (member.Layers.Count != first.Layers.Count || member.InputSize != first.InputSize)
            throw new ArgumentException(
                $"Member {number} has {member.Layers.Count} layers on {member.InputSize} inputs where member 1 has {first.Layers.Count} on {first.InputSize}; " +
                "the members of an ensemble share one architecture (train them with the same options on the same features).", "members");
        for (int i = 0; i < first.Layers.Count; i++)
        {
            Layer expected = first.Layers[i], actual = member.Layers[i];
            if (actual.GetType() != expected.GetType() || actual.Description != expected.Description)
                throw new ArgumentException(
                    $"Member {number}'s layer {i} is {actual.Description} where member 1's is {expected.Description}; " +
                    "the members of an ensemble share one architecture (train them with the same options on the same features).", "members");
        }
    }

    /// <summary>Where the dense layers are, after checking that every other layer stands where it can be merged.</summary>
    private static EnsembleShape Positions(Network network)
    {
        var layers = network.Layers;
        int firstDense = -1, output = -1;
        for (int i = 0; i < layers.Count; i++)
            if (layers[i] is DenseLayer) { if (firstDense < 0) firstDense = i; output = i; }
        if (firstDense < 0) throw new ArgumentException("The members have no dense layer: there is nothing to average.", "members");
        var last = (DenseLayer)layers[output];
        if (last.Activation.Kind != ActivationKind.Identity)
            throw new ArgumentException(
                $"The members' output layer (layer {output}, {last.Description}) is not linear: the mean of the members' outputs is one layer's output only " +
                "when that layer has the Identity activation (classifiers output logits, and the loss applies the sigmoid or softmax).", "members");
        bool compressed = false, scaled = false, embedded = false;
        for (int i = 0; i < firstDense; i++)
        {
            switch (layers[i])
            {
                case LogCompressionLayer when compressed || scaled || embedded:
                    throw Misplaced(i, layers[i], "a log-compression layer merges only as the first layer on the raw features, before the input scaling and any periodic embeddings");
                case LogCompressionLayer:
                    compressed = true;
                    break;
                case FeatureScalingLayer when scaled || embedded:
                    throw Misplaced(i, layers[i], "a feature-scaling layer merges only as the first scaling of the input, before any periodic embeddings");
                case FeatureScalingLayer:
                    scaled = true;
                    break;
                case PeriodicEmbeddingLayer when embedded:
                    throw Misplaced(i, layers[i], "one periodic-embedding layer merges in front of the first dense layer, not two");
                case PeriodicEmbeddingLayer:
                    embedded = true;
                    break;
            }
        }
        for (int i = firstDense + 1; i < layers.Count; i++)
        {
            bool allowed = layers[i] is DenseLayer or DropoutLayer || (i > output && layers[i] is FeatureScalingLayer);
            if (!allowed)
                throw Misplaced(i, layers[i], "only dense and dropout layers merge between the first dense layer and the output layer, and after it only dropout and a fixed map back to label units");
        }
        return new EnsembleShape(firstDense, output);
    }

    private static ArgumentException Misplaced(int index, Layer layer, string rule) =>
        new($"The members' layer {index} ({layer.Description}) cannot be merged where it stands: {rule}.", "members");

    /// <summary>The log compression, the input scaling (shift, scale, clip) and the embedded features must be equal: the merged network has one of each.</summary>
    private static void CheckSharedFront(IReadOnlyList<Network> members, int firstDense)
    {
        for (int i = 0; i < firstDense; i++)
        {
            for (int r = 1; r < members.Count; r++)
            {
                string? difference = (members[0].Layers[i], members[r].Layers[i]) switch
                {
                    (FeatureScalingLayer a, FeatureScalingLayer b) => ScalingDifference(a, b),
                    (LogCompressionLayer a, LogCompressionLayer b) => CompressionDifference(a, b),
                    (PeriodicEmbeddingLayer a, PeriodicEmbeddingLayer b) => !a.EmbeddedFeatures.SequenceEqual(b.EmbeddedFeatures)
                        ? $"it embeds features [{string.Join(", ", b.EmbeddedFeatures)}], member 1's [{string.Join(", ", a.EmbeddedFeatures)}]"
                        : a.LearningRateFactor != b.LearningRateFactor ? FormattableString.Invariant($"its learning-rate factor is {b.LearningRateFactor}, member 1's {a.LearningRateFactor}") : null,
                    _ => null,
                };
                if (difference is not null)
                    throw new ArgumentException(
                        $"Member {r + 1}'s layer {i} ({members[r].Layers[i].Description}) differs from member 1's: {difference}. The members of an ensemble share their log " +
                        "compression, input scaling and embedded features, as they do when trained with the same options on the same rows.", "members");
            }
        }
    }

    /// <summary>What a map back to label units after the output must be: fixed, linear and equal in every member.</summary>
    private static void CheckMapBack(IReadOnlyList<Network> members, int output)
    {
        for (int i = output + 1; i < members[0].Layers.Count; i++)
        {
            if (members[0].Layers[i] is not FeatureScalingLayer mapBack) continue;
            if (mapBack.ClipBound != 0f || mapBack.Gain is not null)
                throw Misplaced(i, mapBack, "after the output layer a feature-scaling layer merges only without clip and gain (a fixed linear map)");
            for (int r = 1; r < members.Count; r++)
            {
                if (ScalingDifference(mapBack, (FeatureScalingLayer)members[r].Layers[i]) is { } difference)
                    throw new ArgumentException($"Member {r + 1}'s map back to label units (layer {i}) differs from member 1's: {difference}. Train the members on the same rows.", "members");
            }
        }
    }

    /// <summary>How <paramref name="b"/>'s scales differ from <paramref name="a"/>'s (member 1's), or null when they are equal.</summary>
    private static string? CompressionDifference(LogCompressionLayer a, LogCompressionLayer b)
    {
        for (int j = 0; j < a.InputSize; j++)
            if (a.Scales[j] != b.Scales[j]) return FormattableString.Invariant($"feature {j} is compressed with scale {b.Scales[j]}, in member 1 with {a.Scales[j]}");
        return null;
    }

    /// <summary>How <paramref name="b"/>'s fixed values differ from <paramref name="a"/>'s (member 1's), or null when they are equal.</summary>
    private static string? ScalingDifference(FeatureScalingLayer a, FeatureScalingLayer b)
    {
        if (a.ClipBound != b.ClipBound) return FormattableString.Invariant($"its clip bound is {b.ClipBound}, member 1's {a.ClipBound}");
        for (int j = 0; j < a.InputSize; j++)
        {
            if (a.Shift[j] != b.Shift[j] || a.Scale[j] != b.Scale[j])
                return FormattableString.Invariant($"value {j} is shifted by {b.Shift[j]} and scaled by {b.Scale[j]}, in member 1 by {a.Shift[j]} and {a.Scale[j]}");
        }
        return null;
    }
}
