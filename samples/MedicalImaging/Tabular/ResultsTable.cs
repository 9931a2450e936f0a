using System.Globalization;
using System.Text;
using MedicalImaging.Evaluation;

namespace MedicalImaging.Tabular;

/// <summary>Formats cross-validation results as a Markdown table of mean ± standard deviation over the folds.</summary>
public static class ResultsTable
{
    /// <summary>The table for one data set.</summary>
    public static string Format(IReadOnlyList<FamilyResult> results, double targetSensitivity)
    {
        var text = new StringBuilder();
        string target = targetSensitivity.ToString("0.###", CultureInfo.InvariantCulture);
        text.AppendLine($"| model | accuracy (0.5) | AUC | sensitivity @ target {target} | specificity @ target {target} |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var result in results)
        {
            var metrics = result.Folds.Select(f => f.Metrics).ToList();
            text.AppendLine($"| {result.Family.Name} | {Percent(metrics.Select(m => m.Accuracy))} | {Plain(metrics.Select(m => m.Auc))} | " +
                            $"{Percent(metrics.Select(m => m.Sensitivity))} | {Percent(metrics.Select(m => m.Specificity))} |");
        }
        return text.ToString();
    }

    private static string Percent(IEnumerable<double> values)
    {
        var (mean, sd) = MeanAndStandardDeviation(values);
        return string.Create(CultureInfo.InvariantCulture, $"{100 * mean:F1}% ± {100 * sd:F1}");
    }

    private static string Plain(IEnumerable<double> values)
    {
        var (mean, sd) = MeanAndStandardDeviation(values);
        return string.Create(CultureInfo.InvariantCulture, $"{mean:F3} ± {sd:F3}");
    }

    /// <summary>Mean and sample standard deviation (n - 1).</summary>
    public static (double Mean, double StandardDeviation) MeanAndStandardDeviation(IEnumerable<double> values)
    {
        double[] all = values.ToArray();
        double mean = all.Average();
        double variance = all.Length > 1 ? all.Sum(v => (v - mean) * (v - mean)) / (all.Length - 1) : 0;
        return (mean, Math.Sqrt(variance));
    }
}
