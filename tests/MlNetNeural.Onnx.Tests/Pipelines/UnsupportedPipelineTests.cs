using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Onnx.Tests.TestSupport;
using Xunit.Abstractions;

namespace MlNetNeural.Onnx.Tests.Pipelines;

/// <summary>
/// Models with a step the exporter cannot translate are refused before anything is written, with a message that
/// names the step (position, transformer type, output column) and says what to do instead.
/// </summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class UnsupportedPipelineTests(TrainedPipelines trained, ITestOutputHelper output)
{
    public static TheoryData<string, string> RefusedSteps() => new()
    {
        { "OneHotHashEncoding", "Step 2 (OneHotHashEncodingTransformer, output column 'Island') is on the way to the MLP's features (column 'Island') and is not exported: OneHotHashEncoding hashes values" },
        { "OneHotEncoding Binary", "Step 2 (OneHotEncodingTransformer, its KeyToBinaryVectorMappingTransformer, output column 'Island') is on the way to the MLP's features (column 'Island') and is not exported: OneHotEncoding with outputKind Binary" },
        { "FeaturizeText", "Step 2 (TextFeaturizingEstimator+Transformer, output column 'Island') is on the way to the MLP's features (column 'Island') and is not exported: FeaturizeText" },
        { "ConvertType from text", "Step 2 (TypeConvertingTransformer, output column 'Island') parses the text column 'island' as numbers" },
        { "Unknown step", "Step 2 (TextNormalizingTransformer, output column 'Island') is on the way to the MLP's features (column 'Island') and is not supported: the ONNX export translates Concatenate, ReplaceMissingValues" },
    };

    [Theory]
    [MemberData(nameof(RefusedSteps))]
    public void StepOnTheWayToTheFeaturesIsRefusedByNameAndColumn(string step, string message)
    {
        var ml = trained.Ml;
        IEstimator<ITransformer> island = step switch
        {
            "OneHotHashEncoding" => ml.Transforms.Categorical.OneHotHashEncoding("Island", "island", numberOfBits: 3),
            "OneHotEncoding Binary" => ml.Transforms.Categorical.OneHotEncoding("Island", "island", Microsoft.ML.Transforms.OneHotEncodingEstimator.OutputKind.Binary),
            "FeaturizeText" => ml.Transforms.Text.FeaturizeText("Island", "island"),
            "ConvertType from text" => ml.Transforms.Conversion.ConvertType("Island", "island", DataKind.Single)
                .Append(ml.Transforms.ReplaceMissingValues("Island")),
            "Unknown step" => ml.Transforms.Text.NormalizeText("Island", "island")
                .Append(ml.Transforms.Categorical.OneHotEncoding("Island")),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown step."),
        };
        string[] numeric = trained.PenguinsInference.OfKind(Tabular.ColumnKind.Numeric).Select(column => column.Name).ToArray();
        var model = ml.Transforms.Concatenate("Numeric", numeric)
            .Append(island)
            .Append(ml.Transforms.ReplaceMissingValues("Numeric"))
            .Append(ml.Transforms.Concatenate("Features", "Numeric", "Island"))
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", "species"))
            .Append(ml.MulticlassClassification.Trainers.Mlp(new Trainers.MlpMulticlassTrainer.Options { MaxEpochs = 1, HiddenLayers = [4], Seed = 1 }))
            .Fit(trained.Penguins);

        var error = Refuse(model, trained.Penguins.Schema);

        Assert.Contains(message, error.Message);
        // A kind that is not translated at all points to the other ways; a kind refused for one setting says what to change.
        Assert.Equal(step != "ConvertType from text", error.Message.Contains("ml.Model.ConvertToOnnx", StringComparison.Ordinal));
    }

    [Fact]
    public void StepAfterTheMlpIsNamed()
    {
        var mlp = trained.Multiclass.LastTransformer;
        var keyToValue = trained.Ml.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(mlp.Transform(trained.Digits));
        var error = Refuse(new TransformerChain<ITransformer>(mlp, keyToValue), trained.Digits.Schema);

        Assert.Contains("Step 2 (KeyToValueMappingTransformer, output column 'PredictedLabel') comes after the MLP", error.Message);
    }

    [Fact]
    public void CdfNormalizerIsRefusedSayingWhy()
    {
        var cdf = trained.Ml.Transforms.NormalizeMeanVariance("Features", useCdf: true).Fit(trained.BreastCancer);
        var error = Refuse(new TransformerChain<ITransformer>(cdf, trained.Binary.LastTransformer), trained.BreastCancer.Schema);

        Assert.Contains("Step 1 (NormalizingTransformer, output column 'Features') maps 'Features' through the normal CDF", error.Message);
        Assert.Contains("not an affine map", error.Message);
        Assert.Contains("useCdf: false", error.Message);
    }

    [Fact]
    public void BinningNormalizerIsRefusedSayingWhy()
    {
        var binning = trained.Ml.Transforms.NormalizeBinning("Features").Fit(trained.BreastCancer);
        var error = Refuse(new TransformerChain<ITransformer>(binning, trained.Binary.LastTransformer), trained.BreastCancer.Schema);

        Assert.Contains("Step 1 (NormalizingTransformer, output column 'Features') bins 'Features'", error.Message);
        Assert.Contains("not an affine one", error.Message);
    }

    [Fact]
    public void RawColumnNamedLikeAnOutputIsRefused()
    {
        var renamed = trained.Ml.Transforms.CopyColumns("Score", "Features").Fit(trained.BreastCancer).Transform(trained.BreastCancer);
        var model = trained.Ml.Transforms.NormalizeMinMax("Features", "Score")
            .Append(trained.Ml.BinaryClassification.Trainers.Mlp(new Trainers.MlpBinaryTrainer.Options { MaxEpochs = 1, HiddenLayers = [4], Seed = 1 }))
            .Fit(renamed);

        var error = RefuseSchema(model, renamed.Schema);

        Assert.Contains("would read input column 'Score', a name the graph itself uses", error.Message);
    }

    private sealed class OneFeature
    {
        public float Features { get; set; }
        public bool Label { get; set; }
    }

    [Fact]
    public void AScalarFeatureColumnIsRefusedWithTheStepThatMakesItExportable()
    {
        var rows = Enumerable.Range(0, 60).Select(i => new OneFeature { Features = i % 10, Label = i % 10 > 4 }).ToArray();
        var data = trained.Ml.Data.LoadFromEnumerable(rows);
        var model = trained.Ml.BinaryClassification.Trainers.Mlp(new Trainers.MlpBinaryTrainer.Options { MaxEpochs = 1, HiddenLayers = [4], Seed = 1, EnsembleSize = 1 }).Fit(data);

        var error = RefuseSchema(model, data.Schema);

        Assert.Contains("put ml.Transforms.Concatenate(\"Features\", \"Features\") before the trainer, which makes it a vector of 1, and train again", error.Message);
    }

    [Fact]
    public void RawKeyColumnIsRefusedAsAGraphInput()
    {
        var ml = trained.Ml;
        var keyed = ml.Transforms.Conversion.MapValueToKey("IslandKey", "island").Fit(trained.Penguins).Transform(trained.Penguins);
        var model = ml.Transforms.Conversion.MapKeyToVector("Island", "IslandKey")
            .Append(ml.Transforms.Concatenate("Features", "Island"))
            .Append(ml.BinaryClassification.Trainers.Mlp(new Trainers.MlpBinaryTrainer.Options { LabelColumnName = "IsMale", MaxEpochs = 1, HiddenLayers = [4], Seed = 1 }))
            .Fit(ml.Transforms.CustomMapping((PenguinSex row, MaleFlag flag) => flag.IsMale = row.Sex == "male", contractName: null).Fit(keyed).Transform(keyed));

        var error = RefuseSchema(model, keyed.Schema);

        Assert.Contains("would read input column 'IslandKey' of type Key<UInt32, 0-2>, which cannot be a graph input", error.Message);
    }

    private sealed class PenguinSex
    {
        [Microsoft.ML.Data.ColumnName("sex")]
        public string Sex { get; set; } = "";
    }

    private sealed class MaleFlag
    {
        public bool IsMale { get; set; }
    }

    [Fact]
    public void ModelWithoutMlpIsRefusedListingItsSteps()
    {
        var error = Refuse(new TransformerChain<ITransformer>(trained.Binary.First()), trained.BreastCancer.Schema);

        Assert.Contains("no MLP prediction transformer", error.Message);
        Assert.Contains("Step 1 (NormalizingTransformer, output column 'Features')", error.Message);
    }

    [Fact]
    public void SchemaThatDoesNotFitTheModelIsRefused()
    {
        var error = RefuseSchema(trained.Binary, trained.Digits.Schema);

        Assert.Contains("Features", error.Message);
    }

    [Fact]
    public void RefusedConversionLeavesAnExistingFileUntouched()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.onnx");
        File.WriteAllText(path, "previous model");

        var binning = trained.Ml.Transforms.NormalizeBinning("Features").Fit(trained.BreastCancer);
        var refused = new TransformerChain<ITransformer>(binning, trained.Binary.LastTransformer);
        Assert.Throws<ArgumentException>(() => trained.Ml.Model.ConvertMlpToOnnx(refused, trained.BreastCancer.Schema, path));

        Assert.Equal("previous model", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(directory.Path));
    }

    private ArgumentException RefuseSchema(ITransformer model, DataViewSchema schema)
    {
        using var stream = new MemoryStream();
        var error = Assert.Throws<ArgumentException>(() => trained.Ml.Model.ConvertMlpToOnnx(model, schema, stream));
        output.WriteLine(error.Message);
        Assert.Equal("inputSchema", error.ParamName);
        Assert.Equal(0, stream.Length);
        return error;
    }

    private ArgumentException Refuse(ITransformer model, DataViewSchema schema)
    {
        using var stream = new MemoryStream();
        var error = Assert.Throws<ArgumentException>(() => trained.Ml.Model.ConvertMlpToOnnx(model, schema, stream));
        output.WriteLine(error.Message);
        Assert.Equal("model", error.ParamName);
        Assert.StartsWith("Cannot convert the model to ONNX.", error.Message);
        Assert.Equal(0, stream.Length);
        return error;
    }
}
