using Microsoft.ML;
using SkiaSharp;

namespace MlNetNeural.Reports.Tests;

[Collection(TrainedModelsCollection.Name)]
public sealed class RegressionReportTests(TrainedModels models)
{
    private readonly MLContext _ml = models.Ml;

    [Fact]
    public void Html_metrics_equal_mlnet_regression_metrics()
    {
        var expected = _ml.Regression.Evaluate(models.RegressionScored);
        using var output = new OutputDirectory("regression-html");
        EvaluationReport.ForRegression(_ml, models.RegressionScored).WriteHtml(output.File("ozone.html"));

        var shown = HtmlReading.Metrics(File.ReadAllText(output.File("ozone.html")));

        Assert.Equal(
            new Dictionary<string, double>
            {
                ["mae"] = expected.MeanAbsoluteError,
                ["mse"] = expected.MeanSquaredError,
                ["r_squared"] = expected.RSquared,
                ["rmse"] = expected.RootMeanSquaredError,
            },
            shown.OrderBy(p => p.Key).ToDictionary());
    }

    [Fact]
    public void Predicted_vs_actual_plot_has_one_point_per_test_row_and_renders_as_png()
    {
        var testRows = _ml.Data.CreateEnumerable<LabelRow>(models.RegressionScored, reuseRowObject: false).Count();
        var report = EvaluationReport.ForRegression(_ml, models.RegressionScored, modelCard: new ModelCard { Title = "LA ozone 1976 – SDCA regression" },
            options: new ReportOptions { LabelDisplayName = "daily max ozone" });
        using var output = new OutputDirectory("regression-markdown");

        report.WriteMarkdown(output.Path);

        var scatter = report.Plots.Single(p => p.Key == "predicted-vs-actual").Model.Series.OfType<OxyPlot.Series.ScatterSeries>().Single();
        Assert.Equal(testRows, scatter.Points.Count);
        Assert.Equal("Actual daily max ozone", scatter.PlotModel.Axes.Single(a => a.Position == OxyPlot.Axes.AxisPosition.Bottom).Title);
        Assert.Equal(testRows, report.EvaluatedRowCount);
        using var bitmap = SKBitmap.Decode(output.File("predicted-vs-actual.png"));
        Assert.True(bitmap is { Width: > 0, Height: > 0 });
    }

    [Fact]
    public void Missing_score_column_error_names_the_column()
    {
        var error = Assert.Throws<ArgumentException>(() => EvaluationReport.ForRegression(
            _ml, models.RegressionScored, options: new ReportOptions { ScoreColumnName = "Prediction" }));
        Assert.Contains("score column 'Prediction'", error.Message);
    }

    private sealed class LabelRow
    {
        public float Label { get; set; }
    }
}
