using System.Globalization;
using MedicalImaging.Tabular;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural;
using MlNetNeural.Explanations;
using MlNetNeural.Transformers;

namespace MedicalImaging.Uncertainty;

/// <summary>Why the model put a referred case where it did: the measurements that moved its probability, each way.</summary>
/// <param name="Case">The referred case.</param>
/// <param name="Probability">The fold model's own (deterministic) probability of the positive class.</param>
/// <param name="TowardsPositive">The measurements that raised the log-odds of the positive class the most, with the case's values.</param>
/// <param name="TowardsNegative">Those that lowered it the most.</param>
/// <param name="Contributions">Every measurement's contribution, largest first (for the report's chart).</param>
public sealed record ExplainedReferral(UncertainCase Case, float Probability, IReadOnlyList<FeatureReason> TowardsPositive,
    IReadOnlyList<FeatureReason> TowardsNegative, IReadOnlyList<FeatureReason> Contributions);

/// <summary>
/// Explains referred cases with the MLP of the fold that held each one out: integrated gradients of the MLP's log-odds
/// from the mean of that fold's training cases (<c>CalculateMlpFeatureContribution</c>), reported with the case's own,
/// unnormalised measurements.
/// </summary>
public static class ReferralExplanations
{
    /// <summary>Measurements listed per direction.</summary>
    public const int ReasonsPerDirection = 3;

    /// <summary>Explains each of <paramref name="cases"/> (scored out of fold by the first repeat's models of <paramref name="mlp"/>).</summary>
    public static IReadOnlyList<ExplainedReferral> Explain(MLContext ml, LabeledTable table, FamilyResult mlp, IEnumerable<UncertainCase> cases)
    {
        var explained = new List<ExplainedReferral>();
        foreach (var uncertain in cases)
        {
            var fold = mlp.Folds.First(f => f.Repeat == 0 && f.TestRows.Contains(uncertain.Row));
            var model = fold.Model;
            var classifier = ((IEnumerable<ITransformer>)model).OfType<MlpBinaryPredictionTransformer>().Single();
            int[] training = Enumerable.Range(0, table.Rows).Except(fold.TestRows).ToArray();
            var explainer = ml.Transforms.CalculateMlpFeatureContribution(classifier, MlpFeatureContributionOptions.AllUnnormalized()).Fit(model.Transform(table.ToDataView(ml, training)));
            var scored = explainer.Transform(model.Transform(table.ToDataView(ml, [uncertain.Row])));
            float probability = scored.GetColumn<float>("Probability").Single();
            float[] contributions = scored.GetColumn<VBuffer<float>>("FeatureContributions").Single().DenseValues().ToArray();
            float[] measured = table.Features[uncertain.Row];
            explained.Add(new ExplainedReferral(uncertain, probability,
                ReasonCodes.Top(contributions, measured, table.FeatureNames, ContributionSign.Positive, ReasonsPerDirection),
                ReasonCodes.Top(contributions, measured, table.FeatureNames, ContributionSign.Negative, ReasonsPerDirection),
                ReasonCodes.All(contributions, measured, table.FeatureNames)));
        }
        return explained;
    }

    /// <summary>One line per case, e.g. "case 12: P(malignant) = 0.46; towards malignant: ...; towards benign: ...".</summary>
    public static string Format(ExplainedReferral referral, LabeledTable table) => string.Create(CultureInfo.InvariantCulture,
        $"  case {referral.Case.Row,3}: P({table.PositiveClass}) = {referral.Probability:F2}; towards {table.PositiveClass}: {List(referral.TowardsPositive)}; towards {table.NegativeClass}: {List(referral.TowardsNegative)}");

    private static string List(IReadOnlyList<FeatureReason> reasons) => reasons.Count == 0 ? "none" : string.Join(", ", reasons);
}
