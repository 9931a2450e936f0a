namespace MlNetNeural.Onnx.MlNet.Steps;

/// <summary>A kind of step that is known and deliberately not exported; <paramref name="reason"/> says why and what to do.</summary>
internal sealed class RefusedStepExporter(string reason) : IStepExporter
{
    public ColumnTranslation Translate(PipelineStep step, string column) =>
        throw ExportRefusal.Step(step, $"is on the way to the MLP's features (column '{column}') and is not exported: {reason} {ExportRefusal.OtherStepsAdvice}");
}
