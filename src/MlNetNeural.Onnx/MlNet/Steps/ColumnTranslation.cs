using MlNetNeural.Onnx.Graph;

namespace MlNetNeural.Onnx.MlNet.Steps;

/// <summary>
/// The ONNX form of one output column of one fitted ML.NET step: the columns it reads and the nodes that compute it.
/// Everything that can be refused is checked when the translation is made, so writing it only adds nodes.
/// </summary>
internal abstract class ColumnTranslation
{
    protected ColumnTranslation(params string[] inputs) => Inputs = inputs;

    /// <summary>The ML.NET columns the output is computed from, as the step reads them.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>Adds the nodes computing <paramref name="output"/> from <paramref name="inputs"/> (the values of <see cref="Inputs"/>, in order).</summary>
    /// <param name="graph">The graph being built.</param>
    /// <param name="prefix">Prefix for the names of intermediate values and constants.</param>
    /// <param name="inputs">The graph values holding the input columns.</param>
    /// <param name="output">The name of the value to produce.</param>
    public abstract void AddTo(OnnxGraphBuilder graph, string prefix, IReadOnlyList<string> inputs, string output);
}
