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
    [Fact]
    public void ConcatenateIsNamedWithItsOutputColumn()
    {
        var error = Refuse(trained.Regression, trained.Ozone.Schema);

        Assert.Contains("Step 1 (ColumnConcatenatingTransformer, output column 'Features') is not supported", error.Message);
        Assert.Contains("ml.Model.ConvertToOnnx", error.Message);
    }

    [Fact]
    public void ReplaceMissingValuesIsNamedWithItsOutputColumn()
    {
        var afterConcatenate = trained.Regression.First().GetOutputSchema(trained.Ozone.Schema);
        var error = Refuse(new TransformerChain<ITransformer>(trained.Regression.Skip(1).ToArray()), afterConcatenate);

        Assert.Contains("Step 1 (MissingValueReplacingTransformer, output column 'Features') is not supported", error.Message);
        Assert.Contains("Microsoft.ML.OnnxConverter", error.Message);
    }

    [Fact]
    public void LabelMappingBeforeTheMlpIsNamedWithAHint()
    {
        var error = Refuse(trained.Multiclass, trained.Digits.Schema);

        Assert.Contains("Step 1 (ValueToKeyMappingTransformer, output column 'Label') is not supported", error.Message);
        Assert.Contains("LastTransformer", error.Message);
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
    public void NormalizerOfAnotherColumnIsRefused()
    {
        var other = trained.Ml.Transforms.NormalizeMinMax("Other", "Features").Fit(trained.BreastCancer);
        var error = Refuse(new TransformerChain<ITransformer>(other, trained.Binary.LastTransformer), trained.BreastCancer.Schema);

        Assert.Contains("normalizes column 'Other', which does not lead to the MLP's feature column 'Features'", error.Message);
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
        using var stream = new MemoryStream();
        var error = Assert.Throws<ArgumentException>(() => trained.Ml.Model.ConvertMlpToOnnx(trained.Binary, trained.Digits.Schema, stream));
        output.WriteLine(error.Message);

        Assert.Equal("inputSchema", error.ParamName);
        Assert.Contains("Features", error.Message);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void RefusedConversionLeavesAnExistingFileUntouched()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.onnx");
        File.WriteAllText(path, "previous model");

        Assert.Throws<ArgumentException>(() => trained.Ml.Model.ConvertMlpToOnnx(trained.Regression, trained.Ozone.Schema, path));

        Assert.Equal("previous model", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(directory.Path));
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
