using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Tabular;

namespace MlNetNeural.Onnx.Tests.Pipelines;

/// <summary>
/// One export scenario: the fitted pipeline, the raw rows it reads (fed unchanged to the exported graph), the same rows
/// scored by the managed pipeline, and the raw columns the graph must take as inputs (in input-schema order).
/// </summary>
internal sealed record ExportCase(string Name, OnnxMlpHead Head, ITransformer Model, IDataView Data, string[] ExpectedInputs)
{
    public static TheoryData<string> Names() => ["Binary", "Multiclass", "Regression", "Credit", "Penguins"];

    public static ExportCase For(string name, TrainedPipelines trained) => name switch
    {
        // The README's pipeline: Concatenate of 30 raw columns, MLP (input scaling and periodic embeddings inside it).
        "Binary" => new(name, OnnxMlpHead.Binary, trained.ReadmeBinary, trained.BreastCancerColumns, RawTables.BreastCancerFeatureNames()),
        // MapValueToKey("Label", "Digit") only prepares the label: left out, so "Digit" is not an input.
        "Multiclass" => new(name, OnnxMlpHead.Multiclass, trained.Multiclass, trained.Digits, ["Features"]),
        // Concatenate, ReplaceMissingValues (mean), NormalizeMinMax, MLP on the raw columns with their missing values.
        "Regression" => new(name, OnnxMlpHead.Regression, trained.Regression, trained.Ozone, MlNetNeural.Tests.TestData.Datasets.OzoneFeatureNames()),
        // TabularFeaturizer: Concatenate, IndicateMissingValues, ConvertType, ReplaceMissingValues, OneHotEncoding of text, MapValue of the label.
        "Credit" => new(name, OnnxMlpHead.Binary, trained.CreditModel, trained.Credit, FeatureColumns(trained.CreditInference, trained.Credit)),
        "Penguins" => new(name, OnnxMlpHead.Multiclass, trained.PenguinsModel, trained.Penguins, FeatureColumns(trained.PenguinsInference, trained.Penguins)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown scenario."),
    };

    public IDataView ManagedScored => Model.Transform(Data);

    public string[] OutputNames => Head switch
    {
        OnnxMlpHead.Binary => [OnnxMlpColumnNames.Score, OnnxMlpColumnNames.Probability, OnnxMlpColumnNames.PredictedLabel],
        OnnxMlpHead.Multiclass => [OnnxMlpColumnNames.Score, OnnxMlpColumnNames.PredictedLabel],
        _ => [OnnxMlpColumnNames.Score],
    };

    private static string[] FeatureColumns(TableInference inference, IDataView data)
    {
        var features = inference.Columns.Where(column => column.Kind is ColumnKind.Numeric or ColumnKind.Categorical).Select(column => column.Name).ToHashSet();
        return data.Schema.Select(column => column.Name).Where(features.Contains).ToArray();
    }
}
