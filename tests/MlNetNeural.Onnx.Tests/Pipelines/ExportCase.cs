using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Onnx.Tests.Pipelines;

/// <summary>
/// One task's export scenario: the model to export, the raw data the exported graph reads, and the same rows scored
/// by the complete managed pipeline.
/// </summary>
/// <param name="Model">What is passed to ConvertMlpToOnnx.</param>
/// <param name="OnnxInput">Rows for the exported graph, with the raw feature column <paramref name="InputColumn"/>.</param>
/// <param name="ManagedScored">The same rows scored by the full ML.NET pipeline.</param>
internal sealed record ExportCase(string Task, OnnxMlpHead Head, ITransformer Model, IDataView OnnxInput, IDataView ManagedScored, string InputColumn)
{
    public static ExportCase For(string task, TrainedPipelines trained) => task switch
    {
        // The whole fitted chain: NormalizeMeanVariance + MLP. The graph reads the raw 30 features.
        "Binary" => new(task, OnnxMlpHead.Binary, trained.Binary, trained.BreastCancer, trained.Binary.Transform(trained.BreastCancer), "Features"),
        // MapValueToKey only prepares the training label and is not exportable, so the MLP alone is exported.
        "Multiclass" => new(task, OnnxMlpHead.Multiclass, trained.Multiclass.LastTransformer, trained.Digits, trained.Multiclass.Transform(trained.Digits), "Features"),
        // Concatenate and ReplaceMissingValues are not exportable: the graph (NormalizeMinMax + MLP) reads the imputed
        // vector that ML.NET's fitted imputation produced, and is compared with the full managed pipeline on raw data.
        "Regression" => new(task, OnnxMlpHead.Regression, trained.RegressionExportable, trained.OzoneImputed, trained.Regression.Transform(trained.Ozone), "Features"),
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, "Unknown task."),
    };

    public string[] OutputNames => Head switch
    {
        OnnxMlpHead.Binary => [OnnxMlpColumnNames.Score, OnnxMlpColumnNames.Probability, OnnxMlpColumnNames.PredictedLabel],
        OnnxMlpHead.Multiclass => [OnnxMlpColumnNames.Score, OnnxMlpColumnNames.PredictedLabel],
        _ => [OnnxMlpColumnNames.Score],
    };

    /// <summary>The raw feature rows, row-major, and the feature count.</summary>
    public (float[] Rows, int FeatureCount) RawFeatures()
    {
        var rows = OnnxInput.GetColumn<float[]>(InputColumn).ToArray();
        return (rows.SelectMany(row => row).ToArray(), rows[0].Length);
    }
}
