using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural;
using MlNetNeural.Explanations;

namespace CreditScoring;

/// <summary>What the saved model says about one applicant.</summary>
/// <param name="ProbabilityOfDefault">The model's (calibrated) probability that the loan goes bad.</param>
/// <param name="PredictedBad">The model's decision (its PredictedLabel): true = treat as bad (reject or review).</param>
/// <param name="Reasons">For a declined applicant, the principal reasons: the attributes that raised the risk most; empty otherwise.</param>
/// <param name="Contributions">Every attribute's contribution to the MLP's log-odds of default, largest first (for the report's chart).</param>
public sealed record ApplicantDecision(float ProbabilityOfDefault, bool PredictedBad, IReadOnlyList<FeatureReason> Reasons, IReadOnlyList<FeatureReason> Contributions);

/// <summary>Scores applicants the way a separate application would: a new MLContext, the saved model file, a PredictionEngine.</summary>
public static class SavedModelScoring
{
    /// <summary>
    /// Loads the model (after RegisterMlNetNeural) and decides each applicant with its PredictedLabel; checks that the
    /// decision is the saved policy's ("probability ≥ threshold"), and gives the reasons of every declined applicant.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model's decision differs from the policy's for an applicant.</exception>
    public static IReadOnlyList<ApplicantDecision> Score(string modelPath, string policyPath, IReadOnlyList<CreditApplication> applicants)
    {
        var ml = new MLContext().RegisterMlNetNeural();
        var model = ml.Model.Load(modelPath, out _);
        var policy = DecisionPolicy.Load(policyPath);
        using var engine = ml.Model.CreatePredictionEngine<CreditApplication, CreditPrediction>(model);
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        engine.OutputSchema["FeatureContributions"].Annotations.GetValue("SlotNames", ref slotNames);
        string[] names = slotNames.DenseValues().Select(name => name.ToString()).ToArray();
        return applicants.Select(applicant =>
        {
            var prediction = engine.Predict(applicant);
            if (prediction.PredictedLabel != policy.PredictsBad(prediction.Probability))
                throw new InvalidOperationException(FormattableString.Invariant(
                    $"The model decided {(prediction.PredictedLabel ? "bad" : "good")} at P(default) = {prediction.Probability:R}, but the policy's threshold {policy.Threshold:R} says otherwise."));
            // Numeric attributes are reported with the applicant's own value, not the normalised one the model read.
            FeatureReason WithOwnValue(FeatureReason reason) =>
                reason.Category is null && ApplicantValues.IsNumeric(reason.Feature) ? reason with { Value = ApplicantValues.Of(applicant, reason.Feature) } : reason;
            var all = ReasonCodes.All(prediction.FeatureContributions, prediction.Features, names, groupSlotsByColumn: true).Select(WithOwnValue).ToArray();
            IReadOnlyList<FeatureReason> reasons = prediction.PredictedLabel
                ? ReasonCodes.Top(prediction.FeatureContributions, prediction.Features, names, ContributionSign.Positive, groupSlotsByColumn: true).Select(WithOwnValue).ToArray()
                : [];
            return new ApplicantDecision(prediction.Probability, prediction.PredictedLabel, reasons, all);
        }).ToArray();
    }
}

/// <summary>The columns the PredictionEngine reads back from the saved model.</summary>
public sealed class CreditPrediction
{
    /// <summary>The model's probability of default (after its calibrator).</summary>
    public float Probability { get; set; }

    /// <summary>The model's decision at the deployed threshold: true = bad.</summary>
    public bool PredictedLabel { get; set; }

    /// <summary>The features the MLP read (one-hot slots and normalised numbers).</summary>
    public float[] Features { get; set; } = [];

    /// <summary>Each feature's contribution to the MLP's log-odds of default, from the average applicant.</summary>
    public float[] FeatureContributions { get; set; } = [];
}
