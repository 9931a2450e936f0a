using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Explanations;
using MlNetNeural.Reports.Explanations;
using MlNetNeural.Trainers;
using MlNetNeural.Transformers;

namespace MlNetNeural.Reports.Tests;

/// <summary>
/// Explanation pictures and the explained-decisions section: reasons and charts of individual decisions in HTML and
/// Markdown, first-layer weight maps for a table and for 28 × 28 digits, contribution heat maps over a digit.
/// </summary>
public sealed class ExplanationReportTests
{
    private static readonly MLContext Ml = new(seed: 1);
    private static readonly Lazy<(MlpBinaryPredictionTransformer Mlp, IDataView Featurized)> Cancer = new(() =>
    {
        var data = Ml.Transforms.NormalizeMeanVariance("Features", fixZero: false).Fit(TestData.BreastCancer(Ml)).Transform(TestData.BreastCancer(Ml));
        var featurized = Ml.Data.Cache(data);
        var mlp = Ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { HiddenLayers = [16], MaxEpochs = 20, Seed = 1 }).Fit(featurized);
        return (mlp, mlp.Transform(featurized));
    });
    private static readonly Lazy<(MlpMulticlassPredictionTransformer Mlp, IDataView Featurized)> Digits = new(() =>
    {
        var data = Ml.Transforms.Conversion.MapValueToKey("Label", "label").Append(Ml.Transforms.NormalizeMinMax("Features", "Pixels")).Fit(TestData.Digits(Ml)).Transform(TestData.Digits(Ml));
        var featurized = Ml.Data.Cache(data);
        var mlp = Ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options { HiddenLayers = [16], MaxEpochs = 30, Seed = 1 }).Fit(featurized);
        return (mlp, mlp.Transform(featurized));
    });

    [Fact]
    public void ExplainedDecisionsAppearWithTheirReasonsAndChartsInHtmlAndMarkdown()
    {
        var (mlp, featurized) = Cancer.Value;
        var explained = Ml.Transforms.CalculateMlpFeatureContribution(mlp, Raw()).Fit(featurized).Transform(featurized);
        var contributions = Rows(explained, "FeatureContributions");
        var features = Rows(explained, "Features");
        var names = TestData.BreastCancerFeatureNames;
        var cases = Enumerable.Range(0, 3).Select(row => new ExplainedCase(
            $"Case {row}", $"decided at row {row}",
            ReasonCodes.Top(contributions[row], features[row], names, ContributionSign.Positive))
        {
            Plot = ExplanationPlots.Contributions($"case-{row}", $"Why case {row}", ReasonCodes.All(contributions[row], features[row], names), "the logit of malignant"),
        }).ToArray();
        var options = new ReportOptions
        {
            PositiveClassName = "malignant",
            NegativeClassName = "benign",
            ExplainedCases = cases,
            AdditionalPlots = [ExplanationPlots.FirstLayerWeights("first-layer-weights", mlp.Model, names)],
        };
        var report = EvaluationReport.ForBinary(Ml, featurized, options: options);

        using var output = new OutputDirectory("explained-binary");
        report.WriteHtml(output.File("report.html"));
        string markdown = File.ReadAllText(report.WriteMarkdown(output.File("md")));
        string html = File.ReadAllText(output.File("report.html"));

        Assert.Contains("<section id=\"explained-cases\">", html);
        Assert.Contains("<h3>Case 2</h3>", html);
        foreach (var reason in cases.SelectMany(c => c.Reasons))
            Assert.Contains($"data-contribution=\"{Writing.NumberText.Exact(reason.Contribution)}\"", html);
        Assert.Equal(3, html.Split("<figure data-plot=\"case-").Length - 1);
        Assert.Contains("data-plot=\"first-layer-weights\"", html);
        Assert.Contains("## Explained decisions", markdown);
        Assert.Contains("![Why case 1](case-1.png)", markdown);
        Assert.True(new FileInfo(output.File("md/case-0.png")).Length > 5_000);
        Assert.True(new FileInfo(output.File("md/first-layer-weights.png")).Length > 5_000);
    }

    [Fact]
    public void DigitWeightsAndContributionsAreDrawnAsImages()
    {
        var (mlp, featurized) = Digits.Value;
        var shape = new ImageShape(28, 28);
        var weights = ExplanationPlots.FirstLayerWeightImages("digit-weights", mlp.Model, shape, maxUnits: 16);
        var explained = Ml.Transforms.CalculateMlpFeatureContribution(mlp, Raw()).Fit(featurized).Transform(featurized);
        float[] contributions = Rows(explained, "FeatureContributions")[0];
        float[] pixels = Rows(explained, "Features")[0];
        var heatMap = ExplanationPlots.ContributionImage("digit-contributions", "Why the first digit", contributions, pixels, shape, "the predicted digit's logit");

        using var output = new OutputDirectory("explained-digits");
        Directory.CreateDirectory(output.Path);
        foreach (var plot in new[] { weights, heatMap })
        {
            byte[] png = plot.ToPng();
            File.WriteAllBytes(output.File(plot.Key + ".png"), png);
            Assert.True(png.Length > 10_000, $"{plot.Key}: {png.Length} bytes");
            string svg = plot.ToSvg();
            File.WriteAllText(output.File(plot.Key + ".svg"), svg);
            Assert.Contains("<image", svg);
        }
        Assert.Equal(16, weights.Model.Series.Count);
    }

    [Fact]
    public void ShapesAndKeysThatDoNotFitAreRefused()
    {
        var (mlp, featurized) = Digits.Value;
        Assert.Contains("784 values, but an image of 27 × 28", Assert.Throws<ArgumentException>(() =>
            ExplanationPlots.FirstLayerWeightImages("w", mlp.Model, new ImageShape(27, 28))).Message);
        Assert.Contains("file name", Assert.Throws<ArgumentException>(() =>
            ExplanationPlots.FirstLayerWeightImages("w/1", mlp.Model, new ImageShape(28, 28))).Message);
        var (binary, cancer) = Cancer.Value;
        var plot = ExplanationPlots.FirstLayerWeights("roc", binary.Model, TestData.BreastCancerFeatureNames);
        var error = Assert.Throws<ArgumentException>(() => EvaluationReport.ForBinary(Ml, cancer, options: new ReportOptions { AdditionalPlots = [plot] }));
        Assert.Contains("'roc'", error.Message);
        Assert.NotNull(featurized);
    }

    [Fact]
    public void WeightCaptionsSayWhenTheFirstLayerAlsoReadsPeriodicEmbeddings()
    {
        // 30 cancer features get the trainer's automatic periodic embeddings; 784 pixels are past its limit of 256.
        var (binary, _) = Cancer.Value;
        var (digits, _) = Digits.Value;
        Assert.Contains(binary.Model.Network.Layers, layer => layer is Core.Layers.PeriodicEmbeddingLayer);
        Assert.DoesNotContain(digits.Model.Network.Layers, layer => layer is Core.Layers.PeriodicEmbeddingLayer);
        const string note = "periodic embeddings of the numeric features";
        Assert.Contains(note, ExplanationPlots.FirstLayerWeights("w", binary.Model, TestData.BreastCancerFeatureNames).Caption);
        Assert.DoesNotContain(note, ExplanationPlots.FirstLayerWeightImages("w", digits.Model, new ImageShape(28, 28)).Caption);
    }

    [Fact]
    public void WeightCaptionsSayWhenLongTailedFeaturesEnterLogCompressed()
    {
        // WDBC's raw areas and concavities are long-tailed: with CompressSkewedFeatures some are compressed.
        var raw = TestData.BreastCancer(Ml);
        var compressed = Ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { HiddenLayers = [8], MaxEpochs = 2, Seed = 1, CompressSkewedFeatures = true }).Fit(raw);
        var layer = Assert.IsType<Core.Layers.LogCompressionLayer>(compressed.Model.Network.Layers[0]);
        var weights = Plots.FirstLayerWeights.Of(compressed.Model.Network, 8);
        Assert.True(weights.ScaledInputs);
        Assert.Equal(layer.CompressedFeatures.Count, weights.CompressedFeatures);
        string caption = ExplanationPlots.FirstLayerWeights("w", compressed.Model, TestData.BreastCancerFeatureNames).Caption;
        Assert.Contains($"{layer.CompressedFeatures.Count} long-tailed features enter log-compressed", caption);
        var (plain, _) = Cancer.Value;
        Assert.DoesNotContain("log-compressed", ExplanationPlots.FirstLayerWeights("w", plain.Model, TestData.BreastCancerFeatureNames).Caption);
    }

    private static MlpFeatureContributionOptions Raw() => MlpFeatureContributionOptions.AllUnnormalized();

    private static float[][] Rows(IDataView data, string column) =>
        data.GetColumn<VBuffer<float>>(column).Select(row => row.DenseValues().ToArray()).ToArray();
}
