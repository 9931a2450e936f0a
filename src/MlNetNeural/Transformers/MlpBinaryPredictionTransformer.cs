using Microsoft.ML;
using Microsoft.ML.Runtime;
using MlNetNeural.MlNet.Internals;
using MlNetNeural.Models;
using MlNetNeural.Models.Format;
using MlNetNeural.Scoring;
using MlNetNeural.Tasks;

namespace MlNetNeural.Transformers;

/// <summary>
/// Adds PredictedLabel (Boolean), Score (logit) and Probability, as ML.NET's binary classifiers do. PredictedLabel is true
/// when the probability is above <see cref="Threshold"/> (0.5 unless set with
/// <c>mlContext.BinaryClassification.ChangeMlpThreshold</c>).
/// </summary>
public sealed class MlpBinaryPredictionTransformer : MlpPredictionTransformer, ILoadableTransformer<MlpBinaryPredictionTransformer>
{
    /// <summary>The threshold a trained model starts with: ML.NET's rule, Score above 0.</summary>
    public const float DefaultThreshold = 0.5f;

    internal MlpBinaryPredictionTransformer(MlpModelParameters model, string featureColumnName, float threshold = DefaultThreshold) : base(model, featureColumnName)
    {
        if (!(threshold > 0f && threshold < 1f))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold,
                "The threshold is a probability strictly between 0 and 1 (PredictedLabel is true when Probability is above it), e.g. 1/6 when a missed positive costs five times a false alarm.");
        Threshold = threshold;
        ScoreThreshold = threshold == DefaultThreshold ? 0f : (float)Math.Log(threshold / (1.0 - threshold));
    }

    /// <summary>
    /// The probability above which PredictedLabel is true. Default 0.5. Equivalently, PredictedLabel is true when Score (the
    /// logit) is above <see cref="ScoreThreshold"/>, ln(t / (1 − t)); the comparison is made on the score, so a row whose
    /// exact probability is above t is positive even if its Probability rounds to t in float. ML.NET's evaluators do not
    /// read PredictedLabel (they count Score &gt; 0), so the threshold changes decisions, not <c>Evaluate</c>'s confusion matrix.
    /// </summary>
    public float Threshold { get; }

    /// <summary>The logit of <see cref="Threshold"/>: PredictedLabel is true when Score is above it (0 for the default threshold).</summary>
    public float ScoreThreshold { get; }

    private protected override IReadOnlyList<HeadColumn> OutputColumns(DataViewSchema inputSchema) =>
        BinaryClassificationTask.Instance.OutputColumns(inputSchema, ScoreThreshold);

    /// <summary>A changed threshold is stored as the payload's critical decision-threshold section; the default is not stored.</summary>
    private protected override float? SavedDecisionThreshold => Threshold == DefaultThreshold ? null : Threshold;

    static uint ILoadableTransformer<MlpBinaryPredictionTransformer>.PayloadVersion => MlpModelFormat.Version;

    static MlpBinaryPredictionTransformer ILoadableTransformer<MlpBinaryPredictionTransformer>.Load(IHostEnvironment env, BinaryReader payload, uint payloadVersion)
    {
        var (model, feature, threshold) = MlpModelFormat.ReadWithThreshold(payload.BaseStream, payloadVersion, MlpTask.BinaryClassification,
            new ModelLoadBudget(ModelLoaderRegistration.OptionsFor(env)));
        return new MlpBinaryPredictionTransformer(model, feature, threshold ?? DefaultThreshold);
    }
}
