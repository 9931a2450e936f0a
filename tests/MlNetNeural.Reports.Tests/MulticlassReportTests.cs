using Microsoft.ML;
using SkiaSharp;

namespace MlNetNeural.Reports.Tests;

[Collection(TrainedModelsCollection.Name)]
public sealed class MulticlassReportTests(TrainedModels models)
{
    private readonly MLContext _ml = models.Ml;

    [Fact]
    public void Html_metrics_per_class_values_and_confusion_counts_equal_mlnet()
    {
        var expected = _ml.MulticlassClassification.Evaluate(models.MulticlassScored);
        using var output = new OutputDirectory("multiclass-html");
        EvaluationReport.ForMulticlass(_ml, models.MulticlassScored).WriteHtml(output.File("digits.html"));
        var html = File.ReadAllText(output.File("digits.html"));

        var metrics = HtmlReading.Metrics(html);
        Assert.Equal(
            new Dictionary<string, double>
            {
                ["log_loss"] = expected.LogLoss,
                ["log_loss_reduction"] = expected.LogLossReduction,
                ["macro_accuracy"] = expected.MacroAccuracy,
                ["micro_accuracy"] = expected.MicroAccuracy,
            },
            metrics.OrderBy(p => p.Key).ToDictionary());

        var perClass = HtmlReading.PerClass(html);
        var matrix = expected.ConfusionMatrix;
        Assert.Equal(10, matrix.NumberOfClasses);
        for (var i = 0; i < matrix.NumberOfClasses; i++)
        {
            // The label was mapped to keys in order of appearance; with digit-sorted data that is "0".."9".
            var name = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(matrix.PerClassPrecision[i], perClass[(name, "precision")]);
            Assert.Equal(matrix.PerClassRecall[i], perClass[(name, "recall")]);
            Assert.Equal(matrix.Counts[i].Sum(), perClass[(name, "support")]);
        }

        var confusion = HtmlReading.Confusion(html);
        Assert.Equal(100, confusion.Count);
        for (var actual = 0; actual < 10; actual++)
            for (var predicted = 0; predicted < 10; predicted++)
                Assert.Equal(matrix.Counts[actual][predicted], confusion[(actual, predicted)]);
    }

    [Fact]
    public void Markdown_writes_a_decodable_confusion_matrix_png()
    {
        var report = EvaluationReport.ForMulticlass(_ml, models.MulticlassScored, modelCard: new ModelCard { Title = "MNIST digits (500-row sample) – maximum entropy" });
        using var output = new OutputDirectory("multiclass-markdown");

        var markdownPath = report.WriteMarkdown(output.Path, "digits.md");

        Assert.Equal(["confusion-matrix"], report.Plots.Select(p => p.Key));
        using var bitmap = SKBitmap.Decode(output.File("confusion-matrix.png"));
        Assert.True(bitmap is { Width: > 0, Height: > 0 });
        Assert.StartsWith("# MNIST digits (500-row sample) – maximum entropy", File.ReadAllText(markdownPath));
    }

    [Fact]
    public void Missing_predicted_label_column_error_names_the_column()
    {
        var error = Assert.Throws<ArgumentException>(() => EvaluationReport.ForMulticlass(
            _ml, models.MulticlassScored, options: new ReportOptions { PredictedLabelColumnName = "PredictedDigit" }));
        Assert.Contains("'PredictedDigit'", error.Message);
    }
}
