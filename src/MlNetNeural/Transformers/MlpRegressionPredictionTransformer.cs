using Microsoft.ML.Runtime;
using MlNetNeural.MlNet.Internals;
using MlNetNeural.Models;
using MlNetNeural.Models.Format;

namespace MlNetNeural.Transformers;

/// <summary>Adds Score (the predicted value), as ML.NET's regression trainers do.</summary>
public sealed class MlpRegressionPredictionTransformer : MlpPredictionTransformer, ILoadableTransformer<MlpRegressionPredictionTransformer>
{
    internal MlpRegressionPredictionTransformer(MlpModelParameters model, string featureColumnName) : base(model, featureColumnName)
    {
    }

    static uint ILoadableTransformer<MlpRegressionPredictionTransformer>.PayloadVersion => MlpModelFormat.Version;

    static MlpRegressionPredictionTransformer ILoadableTransformer<MlpRegressionPredictionTransformer>.Load(IHostEnvironment env, BinaryReader payload, uint payloadVersion)
    {
        var (model, feature) = MlpModelFormat.Read(payload.BaseStream, payloadVersion, MlpTask.Regression, new ModelLoadBudget(ModelLoaderRegistration.OptionsFor(env)));
        return new MlpRegressionPredictionTransformer(model, feature);
    }
}
