using System.Globalization;
using System.Text;
using MedicalImaging.Tabular;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Uncertainty;

namespace MedicalImaging.Uncertainty;

/// <summary>One held-out case scored with Monte-Carlo dropout by the model of its cross-validation fold.</summary>
/// <param name="Row">Row of the table.</param>
/// <param name="Label">True for the positive class.</param>
/// <param name="ProbabilityMean">Mean probability of the positive class over the passes.</param>
/// <param name="ProbabilityStdDev">Spread of that probability over the passes.</param>
/// <param name="Entropy">Predictive entropy of the mean (nats); the referral score.</param>
public sealed record UncertainCase(int Row, bool Label, float ProbabilityMean, float ProbabilityStdDev, float Entropy)
{
    /// <summary>True when the mean probability puts the case on the right side of 0.5.</summary>
    public bool IsCorrect => ProbabilityMean > 0.5f == Label;
}

/// <summary>One line of the referral table: cases above an entropy threshold go to a clinician.</summary>
/// <param name="EntropyThreshold">Cases with a larger predictive entropy are referred.</param>
/// <param name="FractionReferred">Share of all cases referred.</param>
/// <param name="KeptAccuracy">Accuracy on the cases the model decides.</param>
public sealed record ReferralLevel(double EntropyThreshold, double FractionReferred, double KeptAccuracy);

/// <summary>
/// "Refer to a clinician" from Monte-Carlo dropout: every case is scored, out of fold, by the MLP of its
/// cross-validation fold with N seeded stochastic passes; cases whose predictive entropy exceeds a
/// threshold are referred, the others decided by the model.
/// </summary>
public static class ReferralAnalysis
{
    /// <summary>Entropy thresholds of the table, loosest first (ln 2 ≈ 0.693 is the largest binary entropy, so it refers nobody).</summary>
    public static readonly double[] EntropyThresholds = [0.70, 0.50, 0.35, 0.20, 0.10, 0.05];

    /// <summary>Scores every case once, with <paramref name="passes"/> stochastic passes, by the MLP of the first repeat's fold that held it out.</summary>
    public static IReadOnlyList<UncertainCase> ScoreOutOfFold(MLContext ml, LabeledTable table, FamilyResult mlp, int passes, int seed)
    {
        var cases = new List<UncertainCase>();
        foreach (var fold in mlp.Folds.Where(f => f.Repeat == 0))
        {
            var scored = fold.Model.WithMonteCarloDropout(passes, seed).Transform(table.ToDataView(ml, fold.TestRows));
            var means = scored.GetColumn<float>(MonteCarloDropoutColumns.ProbabilityMean).ToArray();
            var spreads = scored.GetColumn<float>(MonteCarloDropoutColumns.ProbabilityStdDev).ToArray();
            var entropies = scored.GetColumn<float>(MonteCarloDropoutColumns.PredictiveEntropy).ToArray();
            for (int i = 0; i < fold.TestRows.Length; i++)
            {
                int row = fold.TestRows[i];
                cases.Add(new UncertainCase(row, table.Labels[row], means[i], spreads[i], entropies[i]));
            }
        }
        return cases.OrderBy(c => c.Row).ToList();
    }

    /// <summary>Accuracy on the kept cases and fraction referred at each threshold.</summary>
    public static IReadOnlyList<ReferralLevel> Levels(IReadOnlyList<UncertainCase> cases) =>
        EntropyThresholds.Select(threshold =>
        {
            var kept = cases.Where(c => c.Entropy <= threshold).ToList();
            double accuracy = kept.Count == 0 ? double.NaN : kept.Count(c => c.IsCorrect) / (double)kept.Count;
            return new ReferralLevel(threshold, 1 - kept.Count / (double)cases.Count, accuracy);
        }).ToList();

    /// <summary>The referral table in Markdown.</summary>
    public static string FormatLevels(IReadOnlyList<ReferralLevel> levels)
    {
        var text = new StringBuilder();
        text.AppendLine("| refer when entropy > | referred to a clinician | accuracy on the cases kept |");
        text.AppendLine("|---|---|---|");
        foreach (var level in levels)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {level.EntropyThreshold:F2} | {100 * level.FractionReferred:F1}% | {100 * level.KeptAccuracy:F1}% |"));
        return text.ToString();
    }

    /// <summary>The decision for one case at an entropy threshold, in words.</summary>
    public static string Decision(UncertainCase uncertain, LabeledTable table, double entropyThreshold) =>
        uncertain.Entropy > entropyThreshold
            ? "refer to a clinician"
            : uncertain.ProbabilityMean > 0.5f ? table.PositiveClass : table.NegativeClass;
}
