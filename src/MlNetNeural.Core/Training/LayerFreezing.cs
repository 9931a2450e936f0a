using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Optimizers;

namespace MlNetNeural.Core.Training;

/// <summary>
/// Which layers of a network train in one run, resolved from <see cref="TrainerSettings.TrainableLayers"/>. It is the
/// freezing hook of the training step: the backward pass computes parameter gradients only for trainable layers and
/// stops below the first of them (<see cref="FirstTrainableLayer"/>), and the gradient adjustments and the optimizer
/// see only <see cref="Parameters"/>, so frozen parameters get no optimizer state and are never written.
/// </summary>
internal sealed class LayerFreezing
{
    private readonly bool[] _trainable;

    private LayerFreezing(Network network, bool[] trainable)
    {
        _trainable = trainable;
        FirstTrainableLayer = Enumerable.Range(0, trainable.Length)
            .FirstOrDefault(layer => trainable[layer] && network.Layers[layer].Parameters.Count > 0, trainable.Length);
        var parameters = new List<Parameter>();
        var indices = new List<int>();
        int index = 0;
        for (int layer = 0; layer < network.Layers.Count; layer++)
        {
            foreach (var parameter in network.Layers[layer].Parameters)
            {
                if (trainable[layer])
                {
                    parameters.Add(parameter);
                    indices.Add(index);
                }
                index++;
            }
        }
        Parameters = parameters;
        ParameterIndices = indices.ToArray();
    }

    /// <summary>
    /// The lowest layer with parameters that train; the backward pass does not go below it. Layers without parameters
    /// under it (the model's own input scaling without a learnable gain) need no gradient, so the first dense layer
    /// skips its input-gradient product, as large as its weight-gradient product.
    /// </summary>
    public int FirstTrainableLayer { get; }

    /// <summary>The parameters that train, in network order: the only ones the optimizer and the gradient adjustments see.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The position of each of <see cref="Parameters"/> in <see cref="Network.Parameters"/>.</summary>
    public IReadOnlyList<int> ParameterIndices { get; }

    /// <summary>True when layer <paramref name="layer"/> computes parameter gradients and is updated.</summary>
    public bool IsTrainable(int layer) => _trainable[layer];

    /// <summary>
    /// Resolves <paramref name="trainableLayers"/> (layer indices; null for every layer) against <paramref name="network"/>,
    /// refusing indices outside the network and a selection that leaves nothing to train.
    /// </summary>
    public static LayerFreezing For(Network network, IReadOnlyList<int>? trainableLayers)
    {
        var trainable = new bool[network.Layers.Count];
        if (trainableLayers is null) Array.Fill(trainable, true);
        else
        {
            foreach (int layer in trainableLayers)
            {
                network.CheckLayerIndex(layer, nameof(TrainerSettings.TrainableLayers), nameof(TrainerSettings.TrainableLayers));
                trainable[layer] = true;
            }
        }
        var freezing = new LayerFreezing(network, trainable);
        if (trainableLayers is not null && freezing.TrainableValueCount == 0)
            throw new ArgumentException(
                $"TrainableLayers selects layers [{string.Join(", ", trainableLayers)}], which have no parameters: nothing would train. Name at least one dense layer (the output layer is {trainable.Length - 1}).",
                nameof(TrainerSettings.TrainableLayers));
        return freezing;
    }

    /// <summary>The proximal anchor's reference arrays for the trainable parameters only, in their order.</summary>
    public ProximalAnchor Restrict(ProximalAnchor anchor) =>
        anchor with { Reference = ParameterIndices.Select(index => anchor.Reference[index]).ToArray() };

    /// <summary>Number of values that train.</summary>
    public long TrainableValueCount => Parameters.Sum(p => (long)p.Values.Length);
}
