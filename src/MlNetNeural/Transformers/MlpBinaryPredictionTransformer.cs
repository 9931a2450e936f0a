using Microsoft.ML.Runtime;
using MlNetNeural.MlNet.Internals;
using MlNetNeural.Models;
using MlNetNeural.Models.Format;

namespace MlNetNeural.Transformers;

/// <summary>Adds PredictedLabel (Boolean), Score (logit) and Probability, as ML.NET's binary classifiers do.</summary>
public sealed class MlpBinaryPredictionTransformer : MlpPredictionTransformer, ILoadableTransformer<MlpBinaryPredictionTransformer>
{
    internal MlpBinaryPredictionTransformer(MlpModelParameters model, string featureColumnName) : base(model, featureColumnName)
    {
    }

    static uint ILoadableTransformer<MlpBinaryPredictionTransformer>.PayloadVersion => MlpModelFormat.Version;

    static MlpBinaryPredictionTransformer ILoadableTransformer<MlpBinaryPredictionTransformer>.Load(IHostEnvironment env, BinaryReader payload, uint payloadVersion)
    {
        var (model, feature) = MlpModelFormat.Read(payload.BaseStream, payloadVersion, MlpTask.BinaryClassification, new ModelLoadBudget(ModelLoaderRegistration.OptionsFor(env)));
        return new MlpBinaryPredictionTransformer(model, feature);
    }
}
