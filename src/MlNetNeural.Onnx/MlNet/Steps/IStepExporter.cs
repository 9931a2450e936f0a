namespace MlNetNeural.Onnx.MlNet.Steps;

/// <summary>Translates the columns of one kind of fitted ML.NET transformer into ONNX (one entry of <see cref="StepExporters"/>).</summary>
internal interface IStepExporter
{
    /// <summary>The translation of the output column <paramref name="column"/> of <paramref name="step"/>.</summary>
    /// <exception cref="ArgumentException">The column cannot be exported (<see cref="ExportRefusal.Step"/>: the message names the step, the column and why).</exception>
    ColumnTranslation Translate(PipelineStep step, string column);
}
