using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Tabular;
using MlNetNeural.Tests.TestData;

namespace MlNetNeural.Onnx.Tests.Pipelines;

/// <summary>Real tables as their raw columns, the way a user's pipeline starts from them.</summary>
internal static class RawTables
{
    private const string BreastCancerFile = "breast_cancer_wisconsin_diagnostic.csv";

    /// <summary>The 30 measurement names of WDBC's header.</summary>
    public static string[] BreastCancerFeatureNames() =>
        File.ReadLines(RepositoryData.PathOf(BreastCancerFile)).First().Split(',').Take(Datasets.BreastCancerFeatures).ToArray();

    /// <summary>WDBC with one Single column per measurement, named as in the header, and "Label" (true = malignant).</summary>
    public static IDataView BreastCancerColumns(MLContext ml)
    {
        var columns = BreastCancerFeatureNames().Select((name, index) => new TextLoader.Column(name, DataKind.Single, index))
            .Append(new TextLoader.Column("Diagnosis", DataKind.String, Datasets.BreastCancerFeatures))
            .ToArray();
        var raw = ml.Data.LoadFromTextFile(RepositoryData.PathOf(BreastCancerFile), columns, separatorChar: ',', hasHeader: true);
        var toLabel = ml.Transforms.Conversion.MapValue("Label", new[] { new KeyValuePair<string, bool>("M", true), new("B", false) }, "Diagnosis");
        return toLabel.Fit(raw).Transform(raw);
    }

    /// <summary>A table of data/tabular read and typed by MlNetNeural.Tabular (all rows), with its column decisions.</summary>
    public static (IDataView Data, TableInference Inference) Tabular(string fileName, string label)
    {
        var inference = TableInference.Infer(CsvTable.Read(RepositoryData.PathOf(Path.Combine("tabular", fileName))), new InferenceOptions { LabelColumnName = label });
        return (TabularDataset.Create(inference).ToDataView(), inference);
    }
}
