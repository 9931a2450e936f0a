using System.Globalization;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Serialization;

namespace MlNetNeural.Core.Layers;

/// <summary>
/// What every fully connected layer kind (dense, LoRA dense, sparse dense) writes first in the network file — int32
/// inputs, int32 outputs, activation byte, float32 leaky slope — and how it names itself in descriptions.
/// </summary>
internal static class FullyConnectedFields
{
    /// <summary>Refuses a LeakyReLU slope outside [0, 1) (the backward pass relies on the output having the input's sign).</summary>
    public static void CheckActivation(Activation activation, string parameterName)
    {
        if (activation.Kind == ActivationKind.LeakyReLU && !(activation.LeakySlope >= 0f && activation.LeakySlope < 1f))
            throw new ArgumentOutOfRangeException(parameterName, activation.LeakySlope, "The LeakyReLU slope must be in [0, 1).");
    }

    /// <summary>Writes the inputs, outputs, activation code and slope.</summary>
    public static void Write(BinaryWriter writer, Layer layer, Activation activation)
    {
        writer.Write(layer.InputSize);
        writer.Write(layer.OutputSize);
        writer.Write((byte)activation.Kind);
        writer.Write(activation.LeakySlope);
    }

    /// <summary>
    /// Reads the fields <see cref="Write"/> wrote for layer <paramref name="index"/>. With <paramref name="denseWeightsFollow"/>
    /// it checks, before anything is allocated, that outputs × inputs floats fit in what remains.
    /// </summary>
    public static (int Inputs, int Outputs, Activation Activation) Read(ref NetworkReader reader, int index, bool denseWeightsFollow)
    {
        int inputs = reader.ReadInt32($"input size of layer {index}");
        int outputs = reader.ReadInt32($"output size of layer {index}");
        if (denseWeightsFollow) reader.RequireFloats(outputs, inputs, $"weights of layer {index}");
        else if (inputs < 1 || outputs < 1) throw new InvalidNetworkFileException($"The network data is corrupt: layer {index} has {inputs} inputs and {outputs} outputs.");
        byte activationCode = reader.ReadByte($"activation of layer {index}");
        if (!Enum.IsDefined((ActivationKind)activationCode))
            throw new InvalidNetworkFileException($"Layer {index} uses activation code {activationCode}, which this MlNetNeural does not know. Upgrade MlNetNeural to load it.");
        float slope = reader.ReadSingle($"activation slope of layer {index}");
        return (inputs, outputs, new Activation((ActivationKind)activationCode, slope));
    }

    /// <summary>"{kind} 30 → 64, ReLU" (with the slope for LeakyReLU).</summary>
    public static string Describe(string kind, Layer layer, Activation activation) => string.Create(CultureInfo.InvariantCulture,
        $"{kind} {layer.InputSize} → {layer.OutputSize}, {(activation.Kind == ActivationKind.LeakyReLU ? $"LeakyReLU (slope {activation.LeakySlope})" : activation.Kind.ToString())}");
}
