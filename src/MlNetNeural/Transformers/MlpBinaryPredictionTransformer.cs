using Microsoft.ML;
using Microsoft.ML.Runtime;
using MlNetNeural.MlNet.Internals;
using MlNetNeural.Models;
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

    /// <summary>
    /// Payload versions: 1 is the MLP payload (<see cref="MlpModelFormat"/>) alone, with the default threshold; 2 is the same
    /// followed by the threshold (float32). A model with the default threshold is still written as version 1, so that
    /// MlNetNeural versions without thresholds keep reading it.
    /// </summary>
    private const uint ThresholdPayloadVersion = 2;

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

    private protected override uint SavedPayloadVersion => Threshold == DefaultThreshold ? MlpModelFormat.Version : ThresholdPayloadVersion;

    private protected override void WriteAfterModel(BinaryWriter writer)
    {
        if (Threshold != DefaultThreshold) writer.Write(Threshold);
    }

    static uint ILoadableTransformer<MlpBinaryPredictionTransformer>.PayloadVersion => ThresholdPayloadVersion;

    static MlpBinaryPredictionTransformer ILoadableTransformer<MlpBinaryPredictionTransformer>.Load(IHostEnvironment env, BinaryReader payload, uint payloadVersion)
    {
        if (payloadVersion is not (MlpModelFormat.Version or ThresholdPayloadVersion))
            throw new InvalidDataException($"This model's binary MLP payload has version {payloadVersion}; this MlNetNeural reads versions {MlpModelFormat.Version} and {ThresholdPayloadVersion}. Upgrade MlNetNeural to load it.");
        var (model, feature) = MlpModelFormat.Read(payload, MlpModelFormat.Version, MlpTask.BinaryClassification);
        if (payloadVersion == MlpModelFormat.Version) return new MlpBinaryPredictionTransformer(model, feature);
        float threshold = payload.ReadSingle();
        return threshold > 0f && threshold < 1f
            ? new MlpBinaryPredictionTransformer(model, feature, threshold)
            : throw new InvalidDataException($"The model file is corrupt: its binary MLP has the decision threshold {threshold}, which is not a probability between 0 and 1.");
    }
}
