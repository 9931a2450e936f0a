using System.Globalization;
using System.Text.RegularExpressions;
using MedicalImaging.Reporting;
using MedicalImaging.Tabular;

namespace MlNetNeural.Samples.Tests;

/// <summary>The medical sample's report: every fold's out-of-fold predictions, at the sample's thresholds, with the data set's class names.</summary>
[Collection(ReportFolderCollection.Name)]
public sealed class MedicalReportTests
{
    [Fact]
    public void TheReportCoversEveryFoldAtTheSamplesThresholdsWithItsClassNames()
    {
        var table = ClinicalDatasets.BreastCancer();
        var settings = new CrossValidationSettings(Folds: 3, InnerFolds: 2, Repeats: 1, Seed: 1);
        var mlp = new CrossValidation(table, settings).Evaluate(new ModelFamily(ModelFamilies.MlpName, [ModelFamilies.MlpCandidates(1)[0]]));
        var results = new RunResults();
        results.Tables.Add(new TableResults(table, [mlp], settings));
        using var folder = new TemporaryFolder();
        var console = new StringWriter();

        ReportFolderCollection.With(folder.Path, () => RunReport.Publish(results, console));

        string html = File.ReadAllText(Directory.GetFiles(folder.Path, "wdbc*.html").Single());
        Assert.Contains("569 rows evaluated", html);
        Assert.Contains("<p class=\"decision-rule\">Decisions: malignant when P(malignant) ≥ the test fold&#39;s threshold", html);
        Assert.Contains("<tr data-class=\"malignant\">", html);
        Assert.Contains("<tr data-class=\"benign\">", html);
        Assert.DoesNotContain("data-class=\"Positive\"", html);
        var thresholds = mlp.Folds.Select(f => f.Metrics.Threshold).ToArray();
        Assert.Contains(thresholds.Min().ToString("F3", CultureInfo.InvariantCulture), html);
        // The confusion matrix holds the sample's decisions: each case against its own fold's threshold.
        int caught = mlp.Folds.Sum(f => f.TestRows.Where((row, i) => table.Labels[row] && f.TestProbabilities[i] >= f.Metrics.Threshold).Count());
        Assert.Equal(caught, Cell(html, actual: 0, predicted: 0));
        Assert.Equal(table.Labels.Count(l => l) - caught, Cell(html, actual: 0, predicted: 1));
        Assert.Contains("Console headline (mean &#177; sd over the test folds)", html);
        Assert.Contains("Report for WDBC", console.ToString());
    }

    private static int Cell(string html, int actual, int predicted)
    {
        var match = Regex.Match(html, $"data-actual=\"{actual}\" data-predicted=\"{predicted}\" data-value=\"(?<value>\\d+)\"");
        Assert.True(match.Success, $"No confusion cell ({actual}, {predicted}).");
        return int.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
    }
}
