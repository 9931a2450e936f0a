using Microsoft.ML;
using SkiaSharp;

namespace MlNetNeural.Reports.Tests;

[Collection(TrainedModelsCollection.Name)]
public sealed class BinaryReportTests(TrainedModels models)
{
    private readonly MLContext _ml = models.Ml;

    private EvaluationReport CancerReport() => EvaluationReport.ForBinary(_ml, models.BinaryScored, "Label", SampleCards.BreastCancer(models), new ReportOptions
    {
        PositiveClassName = "Malignant",
        NegativeClassName = "Benign",
        FeatureImportance = PermutationImportance.FromBinary(TestData.BreastCancerFeatureNames, models.BinaryImportance),
        TopFeatureCount = 12,
    });

    [Fact]
    public void Html_metrics_equal_the_mlnet_binary_metrics_exactly()
    {
        var expected = _ml.BinaryClassification.Evaluate(models.BinaryScored);
        using var output = new OutputDirectory("binary-html");
        CancerReport().WriteHtml(output.File("report.html"));

        var shown = HtmlReading.Metrics(File.ReadAllText(output.File("report.html")));

        var mlNet = new Dictionary<string, double>
        {
            ["accuracy"] = expected.Accuracy,
            ["auc"] = expected.AreaUnderRocCurve,
            ["auprc"] = expected.AreaUnderPrecisionRecallCurve,
            ["f1"] = expected.F1Score,
            ["positive_precision"] = expected.PositivePrecision,
            ["positive_recall"] = expected.PositiveRecall,
            ["negative_precision"] = expected.NegativePrecision,
            ["negative_recall"] = expected.NegativeRecall,
            ["log_loss"] = expected.LogLoss,
            ["log_loss_reduction"] = expected.LogLossReduction,
        };
        Assert.Equal(mlNet.OrderBy(p => p.Key), shown.OrderBy(p => p.Key));
    }

    [Fact]
    public void Html_confusion_matrix_equals_mlnet_with_positive_class_first()
    {
        var expected = _ml.BinaryClassification.Evaluate(models.BinaryScored).ConfusionMatrix;
        var report = CancerReport();
        using var output = new OutputDirectory("binary-confusion");
        report.WriteHtml(output.File("report.html"));

        var shown = HtmlReading.Confusion(File.ReadAllText(output.File("report.html")));

        Assert.Equal(4, shown.Count);
        for (var actual = 0; actual < 2; actual++)
            for (var predicted = 0; predicted < 2; predicted++)
                Assert.Equal(expected.Counts[actual][predicted], shown[(actual, predicted)]);
        var truePositives = CountRows(models.BinaryScored, (label, predicted) => label && predicted);
        Assert.Equal(truePositives, shown[(0, 0)]);
        Assert.Equal(["Malignant", "Benign"], report.ConfusionMatrix!.ClassNames);
    }

    [Fact]
    public void Roc_auc_equals_mlnet_auc()
    {
        var expected = _ml.BinaryClassification.Evaluate(models.BinaryScored).AreaUnderRocCurve;
        Assert.Equal(expected, CancerReport().RocCurve!.AreaUnderCurve, 1e-6);
    }

    [Fact]
    public void Roc_auc_equals_mlnet_auc_when_many_scores_are_tied()
    {
        // Round the real scores to half-units: few distinct values for ~170 rows, so most rows share their score with others.
        var rows = _ml.Data.CreateEnumerable<ScoredRow>(models.BinaryScored, reuseRowObject: false)
            .Select(r => new ScoredRow { Label = r.Label, Score = MathF.Round(r.Score, 0) / 2, PredictedLabel = r.PredictedLabel })
            .ToArray();
        Assert.True(rows.Select(r => r.Score).Distinct().Count() < rows.Length / 4, "the rounding should create many ties");
        var tied = _ml.Data.LoadFromEnumerable(rows);
        var expected = _ml.BinaryClassification.EvaluateNonCalibrated(tied).AreaUnderRocCurve;

        var report = EvaluationReport.ForBinary(_ml, tied, options: new ReportOptions { ProbabilityColumnName = null });

        Assert.Equal(expected, report.RocCurve!.AreaUnderCurve, 1e-6);
    }

    [Fact]
    public void Non_calibrated_model_uses_the_non_calibrated_evaluator_and_has_no_calibration_plot()
    {
        var expected = _ml.BinaryClassification.EvaluateNonCalibrated(models.BinaryNonCalibratedScored);
        var report = EvaluationReport.ForBinary(_ml, models.BinaryNonCalibratedScored, options: new ReportOptions { ProbabilityColumnName = null });

        Assert.DoesNotContain(report.Metrics, m => m.Key.StartsWith("log_loss", StringComparison.Ordinal));
        Assert.Equal(expected.AreaUnderRocCurve, report.Metrics.Single(m => m.Key == "auc").Value);
        Assert.Equal(expected.Accuracy, report.Metrics.Single(m => m.Key == "accuracy").Value);
        Assert.Equal(expected.AreaUnderRocCurve, report.RocCurve!.AreaUnderCurve, 1e-6);
        Assert.Null(report.CalibrationCurve);
        Assert.DoesNotContain(report.Plots, p => p.Key == "calibration");
    }

    [Fact]
    public void Html_is_self_contained_and_every_chart_is_valid_svg()
    {
        var report = CancerReport();
        using var output = new OutputDirectory("binary-self-contained");
        report.WriteHtml(output.File("report.html"));
        var html = File.ReadAllText(output.File("report.html"));

        var figures = HtmlReading.Figures(html);

        Assert.Equal(
            ["roc", "precision-recall", "calibration", "confusion-matrix", "feature-importance", "training-loss", "validation-metric"],
            figures.Keys);
        Assert.All(figures.Values, svg => Assert.Equal("svg", svg.Root!.Name.LocalName));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        var ids = figures.Values.SelectMany(svg => svg.Descendants().Select(e => (string?)e.Attribute("id"))).OfType<string>().ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Markdown_writes_one_decodable_png_per_chart_next_to_the_summary()
    {
        var report = CancerReport();
        using var output = new OutputDirectory("binary-markdown");

        var markdownPath = report.WriteMarkdown(Path.Combine(output.Path, "nested", "dir"));

        var markdown = File.ReadAllText(markdownPath);
        Assert.Contains("| AUC (ROC) |", markdown);
        foreach (var plot in report.Plots)
        {
            Assert.Contains($"]({plot.Key}.png)", markdown);
            using var bitmap = SKBitmap.Decode(Path.Combine(Path.GetDirectoryName(markdownPath)!, plot.Key + ".png"));
            Assert.NotNull(bitmap);
            Assert.Equal((plot.Width, plot.Height), (bitmap.Width, bitmap.Height));
        }
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(markdownPath)!, "*.tmp"));
    }

    [Fact]
    public void Calibration_plot_shows_both_series_of_a_comparison()
    {
        var options = new ReportOptions
        {
            CalibrationComparison = new CalibrationComparison("Platt scaling", models.BinaryPlattScored),
            CalibrationSeriesName = "Isotonic",
        };
        var report = EvaluationReport.ForBinary(_ml, models.BinaryIsotonicScored, options: options);

        var calibration = report.Plots.Single(p => p.Key == "calibration").Model;
        var titles = calibration.Series.Select(s => s.Title).Where(t => t is not null).ToArray();
        Assert.Equal("Perfect calibration", titles[0]);
        Assert.StartsWith("Platt scaling (", titles[1]);
        Assert.Equal("95 % interval of the observed share (Wilson)", titles[2]);
        Assert.StartsWith("Isotonic (", titles[3]);
        Assert.Equal("Rows per 0.05 of predicted probability (Isotonic)", titles[4]);
    }

    [Fact]
    public void The_decision_rule_is_stated_and_the_operating_point_marked_on_roc_and_precision_recall()
    {
        var report = EvaluationReport.ForBinary(_ml, models.BinaryScored, options: new ReportOptions { DecisionRule = "P(malignant) ≥ 0.3" });
        var metrics = _ml.BinaryClassification.Evaluate(models.BinaryScored);

        Assert.Equal("P(malignant) ≥ 0.3", report.DecisionRule);
        Assert.Equal("Decisions: P(malignant) ≥ 0.3", report.Plots.Single(p => p.Key == "confusion-matrix").Model.Subtitle);   // short rules stay on one line
        var roc = OperatingPoint(report, "roc");
        Assert.Equal(1 - metrics.NegativeRecall, roc.X, 12);
        Assert.Equal(metrics.PositiveRecall, roc.Y, 12);
        var precisionRecall = OperatingPoint(report, "precision-recall");
        Assert.Equal(metrics.PositiveRecall, precisionRecall.X, 12);
        Assert.Equal(metrics.PositivePrecision, precisionRecall.Y, 12);
        using var output = new OutputDirectory("decision-rule");
        report.WriteHtml(output.File("report.html"));
        Assert.Contains("<p class=\"decision-rule\">Decisions: P(malignant) ≥ 0.3</p>", File.ReadAllText(output.File("report.html")));
        Assert.Contains("Decisions: P(malignant) ≥ 0.3", File.ReadAllText(report.WriteMarkdown(output.File("md"))));
    }

    [Fact]
    public void Without_a_decision_rule_the_report_names_ml_nets_rule()
    {
        var report = EvaluationReport.ForBinary(_ml, models.BinaryScored);

        Assert.StartsWith("Score > 0", report.DecisionRule);
        Assert.Contains("Score > 0", report.Plots.Single(p => p.Key == "confusion-matrix").Model.Subtitle);
    }

    private static OxyPlot.Series.ScatterPoint OperatingPoint(EvaluationReport report, string plotKey) =>
        report.Plots.Single(p => p.Key == plotKey).Model.Series.OfType<OxyPlot.Series.ScatterSeries>()
            .Single(s => s.Title.StartsWith("Operating point", StringComparison.Ordinal)).Points.Single();

    [Fact]
    public void Missing_label_column_error_names_the_column()
    {
        var error = Assert.Throws<ArgumentException>(() => EvaluationReport.ForBinary(_ml, models.BinaryScored, "Diagnosis"));
        Assert.Contains("'Diagnosis'", error.Message);
        Assert.Contains("'Label'", error.Message); // lists what is there
        Assert.Equal("labelColumnName", error.ParamName);
    }

    [Fact]
    public void Missing_probability_column_error_names_the_column()
    {
        var error = Assert.Throws<ArgumentException>(() => EvaluationReport.ForBinary(_ml, models.BinaryNonCalibratedScored));
        Assert.Contains("probability column 'Probability'", error.Message);
    }

    [Fact]
    public void Missing_comparison_probability_column_error_names_the_column()
    {
        var options = new ReportOptions { CalibrationComparison = new CalibrationComparison("Raw", models.BinaryScored, "Calibrated") };
        var error = Assert.Throws<ArgumentException>(() => EvaluationReport.ForBinary(_ml, models.BinaryScored, options: options));
        Assert.Contains("'Calibrated'", error.Message);
    }

    private double CountRows(IDataView scored, Func<bool, bool, bool> predicate)
        => _ml.Data.CreateEnumerable<ScoredRow>(scored, reuseRowObject: false).Count(r => predicate(r.Label, r.PredictedLabel));

    private sealed class ScoredRow
    {
        public bool Label { get; set; }

        public float Score { get; set; }

        public bool PredictedLabel { get; set; }
    }
}
