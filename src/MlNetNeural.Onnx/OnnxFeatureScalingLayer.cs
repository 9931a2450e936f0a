using MlNetNeural.Onnx.Graph;

namespace MlNetNeural.Onnx;

/// <summary>
/// Per-feature scaling of an exported network: <c>y = gain * c((x - shift) * scale)</c> with <c>c</c> the identity,
/// or with a clip bound <c>b &gt; 0</c> the smooth clip <c>z / sqrt(1 + (z / b)^2)</c>; the gain is optional.
/// Written as <c>Sub</c> (skipped when every shift is 0), <c>Mul</c>, the clip's <c>Div</c>/<c>Mul</c>/<c>Add</c>/<c>Sqrt</c>/<c>Div</c>
/// and a final <c>Mul</c> by the gain.
/// </summary>
/// <remarks>The arrays are used as given (not copied) and are checked when the model is written.</remarks>
public sealed class OnnxFeatureScalingLayer : OnnxLayer
{
    /// <summary>Creates a scaling layer.</summary>
    /// <param name="shift">Subtracted from each feature.</param>
    /// <param name="scale">Multiplies each shifted feature; the same length as <paramref name="shift"/>.</param>
    /// <param name="clipBound">The smooth clip's bound, above 0; 0 for no clipping.</param>
    /// <param name="gain">Per-feature gain after the clip, or null for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="shift"/> or <paramref name="scale"/> is null.</exception>
    public OnnxFeatureScalingLayer(float[] shift, float[] scale, float clipBound = 0f, float[]? gain = null)
    {
        ArgumentNullException.ThrowIfNull(shift);
        ArgumentNullException.ThrowIfNull(scale);
        Shift = shift;
        Scale = scale;
        ClipBound = clipBound;
        Gain = gain;
    }

    /// <summary>Subtracted from each feature.</summary>
    public float[] Shift { get; }

    /// <summary>Multiplies each shifted feature.</summary>
    public float[] Scale { get; }

    /// <summary>The smooth clip's bound; 0 for none.</summary>
    public float ClipBound { get; }

    /// <summary>Per-feature gain after the clip, or null.</summary>
    public float[]? Gain { get; }

    /// <inheritdoc />
    public override int InputCount => Shift.Length;

    /// <inheritdoc />
    public override int OutputCount => Shift.Length;

    internal override string Describe() =>
        $"{OutputCount} (scaling{(ClipBound > 0f ? ", smooth clip" : "")}{(Gain is null ? "" : ", gain")})";

    internal override void Validate(string name)
    {
        if (Shift.Length == 0)
            throw OnnxValidation.Invalid($"{name}: Shift is empty; give one value per feature.");
        OnnxValidation.RequireLength(Scale, Shift.Length, $"{name}: Scale", $"one per feature ({Shift.Length})");
        OnnxValidation.RequireFinite(Shift, $"{name}: Shift");
        OnnxValidation.RequireFinite(Scale, $"{name}: Scale");
        if (!(float.IsFinite(ClipBound) && ClipBound >= 0f))
            throw OnnxValidation.Invalid($"{name}: ClipBound is {OnnxValidation.Format(ClipBound)}; it must be a finite number above 0, or 0 for no clipping.");
        if (Gain is { } gain)
        {
            OnnxValidation.RequireLength(gain, Shift.Length, $"{name}: Gain", $"one per feature ({Shift.Length})");
            OnnxValidation.RequireFinite(gain, $"{name}: Gain");
        }
    }

    internal override string AddTo(OnnxGraphBuilder graph, string prefix, string input, string output)
    {
        int n = Shift.Length;
        string value = input;
        if (Shift.Any(s => s != 0f))
            value = graph.AddNode("Sub", [value, graph.AddInitializer(prefix + "shift", Shift, n)], prefix + "shifted");
        bool last = ClipBound == 0f && Gain is null;
        value = graph.AddNode("Mul", [value, graph.AddInitializer(prefix + "scale", Scale, n)], last ? output : prefix + "scaled");
        if (ClipBound > 0f)
            value = AddSmoothClip(graph, prefix + "clip/", value, Gain is null ? output : prefix + "clipped");
        if (Gain is { } gain)
            value = graph.AddNode("Mul", [value, graph.AddInitializer(prefix + "gain", gain, n)], output);
        return value;
    }

    /// <summary><c>z / sqrt(1 + (z / b)^2)</c>.</summary>
    private string AddSmoothClip(OnnxGraphBuilder graph, string prefix, string input, string output)
    {
        string ratio = graph.AddNode("Div", [input, graph.AddInitializer(prefix + "bound", [ClipBound])], prefix + "ratio");
        string squared = graph.AddNode("Mul", [ratio, ratio], prefix + "squared");
        string onePlus = graph.AddNode("Add", [squared, graph.AddInitializer(prefix + "one", [1f])], prefix + "one_plus");
        string root = graph.AddNode("Sqrt", [onePlus], prefix + "root");
        return graph.AddNode("Div", [input, root], output);
    }
}
