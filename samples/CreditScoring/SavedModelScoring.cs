using Microsoft.ML;
using MlNetNeural;

namespace CreditScoring;

/// <summary>What the saved model says about one applicant.</summary>
/// <param name="ProbabilityOfDefault">The model's (calibrated) probability that the loan goes bad.</param>
/// <param name="PredictedBad">The decision under the saved policy: true = treat as bad (reject or review).</param>
public sealed record ApplicantDecision(float ProbabilityOfDefault, bool PredictedBad);

/// <summary>Scores applicants the way a separate application would: a new MLContext, the saved files, a PredictionEngine.</summary>
public static class SavedModelScoring
{
    /// <summary>Loads the model (after RegisterMlNetNeural) and the policy, and decides each applicant.</summary>
    public static IReadOnlyList<ApplicantDecision> Score(string modelPath, string policyPath, IReadOnlyList<CreditApplication> applicants)
    {
        var ml = new MLContext().RegisterMlNetNeural();
        var model = ml.Model.Load(modelPath, out _);
        var policy = DecisionPolicy.Load(policyPath);
        using var engine = ml.Model.CreatePredictionEngine<CreditApplication, CreditPrediction>(model);
        return applicants.Select(applicant =>
        {
            var probability = engine.Predict(applicant).Probability;
            return new ApplicantDecision(probability, policy.PredictsBad(probability));
        }).ToArray();
    }
}

/// <summary>The prediction column the PredictionEngine reads back from the saved model.</summary>
public sealed class CreditPrediction
{
    /// <summary>The model's probability of default (after its calibrator).</summary>
    public float Probability { get; set; }
}
