using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Transforms;
using MlNetNeural.Onnx.Tests.TestSupport;
using MlNetNeural.Tabular;
using MlNetNeural.Trainers;
using Xunit.Abstractions;

namespace MlNetNeural.Onnx.Tests.Pipelines;

/// <summary>
/// Each exported step kind, and each of its modes, in a real pipeline on the penguins table (numeric columns with
/// missing values, text columns island and sex, plus a Double and a Boolean column): fitted with a multiclass MLP,
/// exported, and scored on the raw columns of all 344 rows by OnnxRuntime and by ApplyOnnxModel like the managed
/// pipeline to 1e-5. The label's MapValueToKey is always left out.
/// </summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class StepKindExportTests(TrainedPipelines trained, ITestOutputHelper output)
{
    private const string Numeric = "Numeric";
    private const string MassAsDouble = "body_mass_double";
    private const string BillMissingAsBoolean = "bill_missing";

    /// <summary>The penguins with two more raw columns of other types: the body mass as Double and a Boolean "bill length missing".</summary>
    private IDataView Penguins => trained.Ml.Transforms.Conversion.ConvertType(MassAsDouble, "body_mass_g", DataKind.Double)
        .Append(trained.Ml.Transforms.IndicateMissingValues(BillMissingAsBoolean, "bill_length_mm"))
        .Fit(trained.Penguins).Transform(trained.Penguins);

    public static TheoryData<string> Variants() =>
    [
        "ReplaceMissingValues Mean", "ReplaceMissingValues Minimum", "ReplaceMissingValues Maximum", "ReplaceMissingValues DefaultValue",
        "ReplaceMissingValues Mean not by slot", "ReplaceMissingValues of scalar columns", "IndicateMissingValues as Single",
        "OneHotEncoding Indicator of text", "OneHotEncoding Bag of a text vector", "OneHotEncoding Indicator of a text vector",
        "OneHotEncoding Key then MapKeyToVector", "ConvertType of a key and of Booleans", "MapValueToKey of a Single column then MapKeyToVector",
        "Normalizers of scalar columns", "ConvertType of raw Double and Boolean columns", "Normalizer of another column is left out",
    ];

    [Theory]
    [MemberData(nameof(Variants))]
    public void ExportedGraphScoresTheRawColumnsLikeTheManagedPipeline(string variant)
    {
        var ml = trained.Ml;
        string[] numeric = trained.PenguinsInference.OfKind(ColumnKind.Numeric).Select(column => column.Name).ToArray();
        var (featurization, parts) = Featurization(ml, variant, numeric);
        var model = featurization
            .Append(ml.Transforms.Concatenate("Features", parts))
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", "species"))
            .Append(ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options { MaxEpochs = 5, HiddenLayers = [8], Seed = 2 }))
            .Fit(Penguins);

        using var stream = new MemoryStream();
        ml.Model.ConvertMlpToOnnx(model, Penguins.Schema, stream);
        using var session = new InferenceSession(stream.ToArray());
        var expected = ScoreColumns.FromManaged(model.Transform(Penguins), OnnxMlpHead.Multiclass);
        var bySession = ScoreColumns.FromSession(OnnxScoring.Run(stream.ToArray(), Penguins), OnnxMlpHead.Multiclass);
        var byApplyOnnxModel = ScoreWithApplyOnnxModel(stream.ToArray(), [.. session.InputMetadata.Keys]);

        foreach (var (scorer, actual) in new[] { ("OnnxRuntime session", bySession), ("ApplyOnnxModel", byApplyOnnxModel) })
        {
            double maxDifference = expected.MaxAbsoluteDifference(actual);
            output.WriteLine($"{variant} via {scorer}: inputs [{string.Join(", ", session.InputMetadata.Keys)}], max |managed - ONNX| {maxDifference:E2}");
            Assert.True(maxDifference <= ExpectedOutputs.Tolerance, $"{variant} via {scorer}: max absolute difference {maxDifference:E3} exceeds {ExpectedOutputs.Tolerance:E0}.");
            Assert.Empty(expected.LabelDisagreements(actual, ExpectedOutputs.Tolerance));
        }
        Assert.DoesNotContain("species", session.InputMetadata.Keys);
    }

    private ScoreColumns ScoreWithApplyOnnxModel(byte[] model, string[] inputs)
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.onnx");
        File.WriteAllBytes(path, model);
        using var onnx = trained.Ml.Transforms
            .ApplyOnnxModel([OnnxMlpColumnNames.Score, OnnxMlpColumnNames.PredictedLabel], inputs, path)
            .Fit(Penguins);
        return ScoreColumns.FromApplyOnnxModel(onnx.Transform(Penguins), OnnxMlpHead.Multiclass);
    }

    /// <summary>Control: a graph whose imputation is wrong does not reproduce the pipeline on the rows with missing values, so the comparison above can fail.</summary>
    [Fact]
    public void WrongReplacementValuesChangeTheScores()
    {
        var ml = trained.Ml;
        string[] numeric = trained.PenguinsInference.OfKind(ColumnKind.Numeric).Select(column => column.Name).ToArray();
        EstimatorChain<Transformers.MlpMulticlassPredictionTransformer> Pipeline(MissingValueReplacingEstimator.ReplacementMode mode) => ml.Transforms.Concatenate(Numeric, numeric)
            .Append(ml.Transforms.ReplaceMissingValues(Numeric, replacementMode: mode))
            .Append(ml.Transforms.Concatenate("Features", Numeric))
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", "species"))
            .Append(ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options { MaxEpochs = 5, HiddenLayers = [8], Seed = 2 }));
        var mean = Pipeline(MissingValueReplacingEstimator.ReplacementMode.Mean).Fit(trained.Penguins);
        var maximum = Pipeline(MissingValueReplacingEstimator.ReplacementMode.Maximum).Fit(trained.Penguins);
        // The same network weights (same seed, same rows apart from the missing ones) but Maximum's replacement values.
        var mixed = new TransformerChain<ITransformer>([.. maximum.Take(2), .. mean.Skip(2)]);

        using var stream = new MemoryStream();
        ml.Model.ConvertMlpToOnnx(mixed, trained.Penguins.Schema, stream);
        var actual = ScoreColumns.FromSession(OnnxScoring.Run(stream.ToArray(), trained.Penguins), OnnxMlpHead.Multiclass);

        Assert.True(ScoreColumns.FromManaged(mean.Transform(trained.Penguins), OnnxMlpHead.Multiclass).MaxAbsoluteDifference(actual) > 1e-3);
    }

    private static (IEstimator<ITransformer> Featurization, string[] Parts) Featurization(MLContext ml, string variant, string[] numeric)
    {
        var numbers = ml.Transforms.Concatenate(Numeric, numeric);
        IEstimator<ITransformer> Imputed(MissingValueReplacingEstimator.ReplacementMode mode, bool bySlot = true) =>
            numbers.Append(ml.Transforms.ReplaceMissingValues(Numeric, replacementMode: mode, imputeBySlot: bySlot));
        var imputed = Imputed(MissingValueReplacingEstimator.ReplacementMode.Mean);
        return variant switch
        {
            "ReplaceMissingValues Mean" => (imputed, [Numeric]),
            "ReplaceMissingValues Minimum" => (Imputed(MissingValueReplacingEstimator.ReplacementMode.Minimum), [Numeric]),
            "ReplaceMissingValues Maximum" => (Imputed(MissingValueReplacingEstimator.ReplacementMode.Maximum), [Numeric]),
            "ReplaceMissingValues DefaultValue" => (Imputed(MissingValueReplacingEstimator.ReplacementMode.DefaultValue), [Numeric]),
            "ReplaceMissingValues Mean not by slot" => (Imputed(MissingValueReplacingEstimator.ReplacementMode.Mean, bySlot: false), [Numeric]),
            "ReplaceMissingValues of scalar columns" => (
                ml.Transforms.ReplaceMissingValues(numeric.Select(name => new InputOutputColumnPair(name + ".filled", name)).ToArray()),
                numeric.Select(name => name + ".filled").ToArray()),
            "IndicateMissingValues as Single" => (
                numbers.Append(ml.Transforms.IndicateMissingValues("Missing", Numeric))
                    .Append(ml.Transforms.Conversion.ConvertType("Missing", outputKind: DataKind.Single))
                    .Append(ml.Transforms.ReplaceMissingValues(Numeric)),
                [Numeric, "Missing"]),
            "OneHotEncoding Indicator of text" => (
                imputed.Append(ml.Transforms.Categorical.OneHotEncoding([new("Island", "island"), new("Sex", "sex")])),
                [Numeric, "Island", "Sex"]),
            "OneHotEncoding Bag of a text vector" => (
                imputed.Append(ml.Transforms.Concatenate("Text", "island", "sex"))
                    .Append(ml.Transforms.Categorical.OneHotEncoding("Words", "Text", OneHotEncodingEstimator.OutputKind.Bag)),
                [Numeric, "Words"]),
            "OneHotEncoding Indicator of a text vector" => (
                imputed.Append(ml.Transforms.Concatenate("Text", "island", "sex"))
                    .Append(ml.Transforms.Categorical.OneHotEncoding("Words", "Text")),
                [Numeric, "Words"]),
            "OneHotEncoding Key then MapKeyToVector" => (
                imputed.Append(ml.Transforms.Categorical.OneHotEncoding("IslandKey", "island", OneHotEncodingEstimator.OutputKind.Key))
                    .Append(ml.Transforms.Conversion.MapKeyToVector("Island", "IslandKey")),
                [Numeric, "Island"]),
            // ML.NET converts a key only to another key type (a Single from a key is refused by ML.NET itself).
            "ConvertType of a key and of Booleans" => (
                imputed.Append(ml.Transforms.Conversion.MapValueToKey("IslandKey", "island"))
                    .Append(ml.Transforms.Conversion.ConvertType("IslandByte", "IslandKey", DataKind.Byte))
                    .Append(ml.Transforms.Conversion.MapKeyToVector("Island", "IslandByte"))
                    .Append(ml.Transforms.IndicateMissingValues("Missing", numeric[0]))
                    .Append(ml.Transforms.Conversion.ConvertType("MissingFlag", "Missing", DataKind.Single)),
                [Numeric, "Island", "MissingFlag"]),
            "MapValueToKey of a Single column then MapKeyToVector" => (
                imputed.Append(ml.Transforms.Conversion.MapValueToKey("MassKey", numeric[^1]))
                    .Append(ml.Transforms.Conversion.MapKeyToVector("Mass", "MassKey")),
                [Numeric, "Mass"]),
            "OneHotEncoding Indicator of a Single column" => (
                imputed.Append(ml.Transforms.Categorical.OneHotEncoding("Mass", numeric[^1])),
                [Numeric, "Mass"]),
            "ConvertType of raw Double and Boolean columns" => (
                imputed.Append(ml.Transforms.Conversion.ConvertType([new("MassSingle", MassAsDouble), new("BillMissing", BillMissingAsBoolean)], DataKind.Single))
                    .Append(ml.Transforms.ReplaceMissingValues("MassSingle")),
                [Numeric, "MassSingle", "BillMissing"]),
            "Normalizers of scalar columns" => (
                ml.Transforms.ReplaceMissingValues(numeric[0]).Append(ml.Transforms.ReplaceMissingValues(numeric[1]))
                    .Append(ml.Transforms.NormalizeMinMax(numeric[0], fixZero: false))
                    .Append(ml.Transforms.NormalizeMeanVariance(numeric[1], fixZero: false)),
                [numeric[0], numeric[1]]),
            "Normalizer of another column is left out" => (
                imputed.Append(ml.Transforms.NormalizeMinMax("Other", Numeric)).Append(ml.Transforms.NormalizeBinning("Binned", Numeric)),
                [Numeric]),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "Unknown variant."),
        };
    }
}
