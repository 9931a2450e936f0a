using MlNetNeural.Onnx.Graph;
using DataType = MlNetNeural.Onnx.Protobuf.TensorProto.Types.DataType;

namespace MlNetNeural.Onnx;

/// <summary>
/// Per-feature log compression of an exported network: <c>y = sign(x) * ln(1 + |x| / s)</c> for a feature with scale
/// <c>s &gt; 0</c>, <c>y = x</c> for a feature with scale 0. Computed as the network computes it, in double precision
/// and rounded once to float (<c>Cast</c>, <c>Abs</c>, <c>Div</c>, <c>Add</c>, <c>Log</c>, <c>Cast</c>), times
/// <c>Sign(x)</c>; when some features are not compressed, 0/1 masks pick <c>x</c> for them (<c>Mul</c>, <c>Add</c>).
/// </summary>
/// <remarks>The array is used as given (not copied) and is checked when the model is written.</remarks>
public sealed class OnnxLogCompressionLayer : OnnxLayer
{
    /// <summary>Creates a log-compression layer.</summary>
    /// <param name="scales">Per feature, the scale s above 0, or 0 to leave the feature as it is.</param>
    /// <exception cref="ArgumentNullException"><paramref name="scales"/> is null.</exception>
    public OnnxLogCompressionLayer(float[] scales)
    {
        ArgumentNullException.ThrowIfNull(scales);
        Scales = scales;
    }

    /// <summary>Per feature, the scale s above 0, or 0 for a feature left as it is.</summary>
    public float[] Scales { get; }

    /// <inheritdoc />
    public override int InputCount => Scales.Length;

    /// <inheritdoc />
    public override int OutputCount => Scales.Length;

    internal override string Describe() => $"{OutputCount} (log compression of {Scales.Count(s => s > 0f)})";

    internal override void Validate(string name)
    {
        if (Scales.Length == 0)
            throw OnnxValidation.Invalid($"{name}: Scales is empty; give one value per feature.");
        OnnxValidation.RequireFinite(Scales, $"{name}: Scales");
        int negative = Array.FindIndex(Scales, s => s < 0f);
        if (negative >= 0)
            throw OnnxValidation.Invalid($"{name}: Scales[{negative}] is {OnnxValidation.Format(Scales[negative])}; a scale must be above 0, or 0 to leave the feature as it is.");
    }

    internal override string AddTo(OnnxGraphBuilder graph, string prefix, string input, string output)
    {
        int n = Scales.Length;
        // Features left as they are get scale 1 in the graph (a finite value the mask then discards).
        double[] scales = Scales.Select(s => s > 0f ? (double)s : 1.0).ToArray();
        var toDouble = OnnxGraphBuilder.IntAttribute("to", (long)DataType.Double);
        var toFloat = OnnxGraphBuilder.IntAttribute("to", (long)DataType.Float);
        string wide = graph.AddNode("Cast", [input], prefix + "double", toDouble);
        string magnitude = graph.AddNode("Abs", [wide], prefix + "abs");
        string ratio = graph.AddNode("Div", [magnitude, graph.AddDoubleInitializer(prefix + "scale", scales, n)], prefix + "ratio");
        string onePlus = graph.AddNode("Add", [ratio, graph.AddDoubleInitializer(prefix + "one", [1.0])], prefix + "one_plus");
        string logarithm = graph.AddNode("Log", [onePlus], prefix + "log");
        string narrow = graph.AddNode("Cast", [logarithm], prefix + "log_float", toFloat);
        string sign = graph.AddNode("Sign", [input], prefix + "sign");
        if (Scales.All(s => s > 0f)) return graph.AddNode("Mul", [narrow, sign], output);
        string compressed = graph.AddNode("Mul", [narrow, sign], prefix + "signed");
        string kept = graph.AddNode("Mul", [input, graph.AddInitializer(prefix + "keep", Scales.Select(s => s > 0f ? 0f : 1f).ToArray(), n)], prefix + "kept");
        string masked = graph.AddNode("Mul", [compressed, graph.AddInitializer(prefix + "compress", Scales.Select(s => s > 0f ? 1f : 0f).ToArray(), n)], prefix + "masked");
        return graph.AddNode("Add", [masked, kept], output);
    }
}
