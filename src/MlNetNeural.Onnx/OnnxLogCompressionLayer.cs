using MlNetNeural.Onnx.Graph;

namespace MlNetNeural.Onnx;

/// <summary>
/// Per-feature log compression of an exported network: <c>y = sign(x) * ln(1 + |x| / s)</c> for a feature with scale
/// <c>s &gt; 0</c>, <c>y = x</c> for a feature with scale 0. Written as the network computes it, without overflow for any
/// finite input: <c>ln(max(|x|, s)) - ln(s) + ln(1 + min(|x|, s) / max(|x|, s))</c> (<c>Abs</c>, <c>Max</c>, <c>Min</c>,
/// <c>Log</c>, <c>Sub</c>, <c>Div</c>, <c>Add</c>), times <c>Sign(x)</c>; when some features are not compressed, a 0/1
/// mask picks <c>x</c> for them (<c>Mul</c>, <c>Add</c>).
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
        bool every = Scales.All(s => s > 0f);
        // Features left as they are get scale 1 in the graph (a finite value the mask then discards).
        float[] scales = Scales.Select(s => s > 0f ? s : 1f).ToArray();
        string scale = graph.AddInitializer(prefix + "scale", scales, n);
        string logScale = graph.AddInitializer(prefix + "log_scale", scales.Select(s => MathF.Log(s)).ToArray(), n);
        string magnitude = graph.AddNode("Abs", [input], prefix + "abs");
        string larger = graph.AddNode("Max", [magnitude, scale], prefix + "larger");
        string smaller = graph.AddNode("Min", [magnitude, scale], prefix + "smaller");
        string logLarger = graph.AddNode("Log", [larger], prefix + "log_larger");
        string head = graph.AddNode("Sub", [logLarger, logScale], prefix + "head");
        string ratio = graph.AddNode("Div", [smaller, larger], prefix + "ratio");
        string onePlus = graph.AddNode("Add", [ratio, graph.AddInitializer(prefix + "one", [1f])], prefix + "one_plus");
        string tail = graph.AddNode("Log", [onePlus], prefix + "tail");
        string sum = graph.AddNode("Add", [head, tail], prefix + "sum");
        string sign = graph.AddNode("Sign", [input], prefix + "sign");
        if (every) return graph.AddNode("Mul", [sum, sign], output);
        string compressed = graph.AddNode("Mul", [sum, sign], prefix + "signed");
        string kept = graph.AddNode("Mul", [input, graph.AddInitializer(prefix + "keep", Scales.Select(s => s > 0f ? 0f : 1f).ToArray(), n)], prefix + "kept");
        string masked = graph.AddNode("Mul", [compressed, graph.AddInitializer(prefix + "compress", Scales.Select(s => s > 0f ? 1f : 0f).ToArray(), n)], prefix + "masked");
        return graph.AddNode("Add", [masked, kept], output);
    }
}
