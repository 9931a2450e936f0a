using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Models;

namespace MlNetNeural.Onnx.MlNet;

/// <summary>
/// Translates a trained MlNetNeural network into the exporter's layers and head. Each network layer kind that can be
/// exported has one entry in <see cref="Mappings"/>; a kind without an entry is refused by name.
/// </summary>
internal static class MlpNetworkDescription
{
    /// <summary>
    /// Network layer type → its exported form, or null for layers that are the identity at inference (dropout). Sparse and
    /// LoRA layers export as the equivalent dense layer (the weights expanded, or merged: W + (α/r)·B·A).
    /// </summary>
    private static readonly Dictionary<Type, Func<Layer, int, OnnxLayer?>> Mappings = new()
    {
        [typeof(DenseLayer)] = (layer, index) => Dense((DenseLayer)layer, index),
        [typeof(SparseDenseLayer)] = (layer, index) => Dense(((SparseDenseLayer)layer).ToDense(), index),
        [typeof(LoraDenseLayer)] = (layer, index) => Dense(((LoraDenseLayer)layer).ToDense(), index),
        [typeof(DropoutLayer)] = (_, _) => null,
        [typeof(LogCompressionLayer)] = (layer, _) => new OnnxLogCompressionLayer(((LogCompressionLayer)layer).Scales.ToArray()),
        [typeof(FeatureScalingLayer)] = (layer, _) => Scaling((FeatureScalingLayer)layer),
        [typeof(PeriodicEmbeddingLayer)] = (layer, _) => Periodic((PeriodicEmbeddingLayer)layer),
    };

    /// <summary>The exported layers in order, values copied.</summary>
    public static IReadOnlyList<OnnxLayer> Layers(Network network)
    {
        var layers = new List<OnnxLayer>();
        for (int index = 0; index < network.Layers.Count; index++)
        {
            var layer = network.Layers[index];
            if (!Mappings.TryGetValue(layer.GetType(), out var map))
                throw new NotSupportedException(
                    $"Cannot convert the MLP to ONNX: network layer {index} is a {layer.GetType().Name} ({layer.Description}), which the ONNX exporter does not know.");
            if (map(layer, index) is { } exported) layers.Add(exported);
        }
        return layers;
    }

    public static OnnxMlpHead Head(MlpTask task) => task switch
    {
        MlpTask.BinaryClassification => OnnxMlpHead.Binary,
        MlpTask.MulticlassClassification => OnnxMlpHead.Multiclass,
        MlpTask.Regression => OnnxMlpHead.Regression,
        _ => throw new NotSupportedException($"Cannot convert the MLP to ONNX: its task {task} has no ONNX head."),
    };

    private static OnnxDenseLayer Dense(DenseLayer dense, int index) =>
        new(dense.InputSize, dense.OutputSize, dense.Weights.Values.ToArray(), dense.Bias.Values.ToArray(), Activation(dense.Activation, index))
        {
            LeakyReluAlpha = dense.Activation.LeakySlope,
        };

    private static OnnxFeatureScalingLayer Scaling(FeatureScalingLayer scaling) =>
        new(scaling.Shift.ToArray(), scaling.Scale.ToArray(), scaling.ClipBound, scaling.Gain?.Values.ToArray());

    private static OnnxPeriodicEmbeddingLayer Periodic(PeriodicEmbeddingLayer periodic) =>
        new(periodic.InputSize, periodic.EmbeddedFeatures.ToArray(), periodic.Frequencies, periodic.EmbeddingSize,
            periodic.FrequencyValues.Values.Select(w => 2f * MathF.PI * w).ToArray(), periodic.Phases.Values.ToArray(),
            periodic.Weights.Values.ToArray(), periodic.Bias.Values.ToArray());

    private static OnnxActivation Activation(Activation activation, int layerIndex) => activation.Kind switch
    {
        ActivationKind.Identity => OnnxActivation.Identity,
        ActivationKind.ReLU => OnnxActivation.Relu,
        ActivationKind.LeakyReLU => OnnxActivation.LeakyRelu,
        ActivationKind.Gelu => OnnxActivation.Gelu,
        ActivationKind.Tanh => OnnxActivation.Tanh,
        ActivationKind.Sigmoid => OnnxActivation.Sigmoid,
        _ => throw new NotSupportedException($"Cannot convert the MLP to ONNX: network layer {layerIndex} has activation {activation.Kind}, which has no ONNX translation."),
    };
}
