using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Models;

namespace MlNetNeural.Onnx.MlNet;

/// <summary>Translates a trained MlNetNeural network into the exporter's layers and head.</summary>
internal static class MlpNetworkDescription
{
    /// <summary>The dense layers in order, weights copied. Dropout layers are the identity at inference and are left out.</summary>
    public static IReadOnlyList<OnnxDenseLayer> Layers(Network network)
    {
        var layers = new List<OnnxDenseLayer>();
        for (int index = 0; index < network.Layers.Count; index++)
        {
            switch (network.Layers[index])
            {
                case DenseLayer dense:
                    layers.Add(new OnnxDenseLayer(dense.InputSize, dense.OutputSize, dense.Weights.Values.ToArray(), dense.Bias.Values.ToArray(),
                        Activation(dense.Activation, index))
                    {
                        LeakyReluAlpha = dense.Activation.LeakySlope,
                    });
                    break;
                case DropoutLayer:
                    break;
                case var other:
                    throw new NotSupportedException(
                        $"Cannot convert the MLP to ONNX: network layer {index} is a {other.GetType().Name}, which the ONNX exporter does not know (it exports dense and dropout layers).");
            }
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
