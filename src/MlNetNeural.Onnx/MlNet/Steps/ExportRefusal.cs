namespace MlNetNeural.Onnx.MlNet.Steps;

/// <summary>The one form of every "this model cannot be exported" error: an <see cref="ArgumentException"/> for the parameter <c>model</c>.</summary>
internal static class ExportRefusal
{
    /// <summary>What every refusal starts with.</summary>
    public const string Prefix = "Cannot convert the model to ONNX.";

    /// <summary>What to do with a step that cannot be exported.</summary>
    public const string OtherStepsAdvice =
        "Run that step in ML.NET before scoring the exported model (export the chain after it, passing the schema of its output), " +
        "or convert the steps before the MLP alone with ML.NET's own converter (ml.Model.ConvertToOnnx, package Microsoft.ML.OnnxConverter) and feed that graph's output to the MLP's graph.";

    /// <summary>A refusal of the model as a whole.</summary>
    public static ArgumentException Model(string reason) => new($"{Prefix} {reason}", "model");

    /// <summary>A refusal naming the step; <paramref name="reason"/> continues the sentence and names the column, e.g.
    /// "maps 'Features' through the normal CDF, which ...".</summary>
    public static ArgumentException Step(PipelineStep step, string reason) => Model($"{step.Describe()} {reason}");

    /// <summary>A step that does not fit the input schema it is given (parameter <c>inputSchema</c>).</summary>
    public static ArgumentException Schema(PipelineStep step, string reason) => new(
        $"{Prefix} {step.Describe()} {reason} Pass the schema of the data the model was fitted on (for example the one ml.Model.Load returns).", "inputSchema");
}
