using Microsoft.ML.Runtime;
using MlNetNeural.MlNet.Internals;
using MlNetNeural.Models;
using MlNetNeural.Models.Format;

namespace MlNetNeural.Transformers;

/// <summary>Adds PredictedLabel (a key over the training classes) and Score (class probabilities with class names as slot names), as ML.NET's multiclass trainers do.</summary>
public sealed class MlpMulticlassPredictionTransformer : MlpPredictionTransformer, ILoadableTransformer<MlpMulticlassPredictionTransformer>
{
    internal MlpMulticlassPredictionTransformer(MlpModelParameters model, string featureColumnName) : base(model, featureColumnName)
    {
    }

    static uint ILoadableTransformer<MlpMulticlassPredictionTransformer>.PayloadVersion => MlpModelFormat.Version;

    static MlpMulticlassPredictionTransformer ILoadableTransformer<MlpMulticlassPredictionTransformer>.Load(IHostEnvironment env, BinaryReader payload, uint payloadVersion)
    {
        var (model, feature) = MlpModelFormat.Read(payload.BaseStream, payloadVersion, MlpTask.MulticlassClassification, new ModelLoadBudget(ModelLoaderRegistration.OptionsFor(env)));
        return new MlpMulticlassPredictionTransformer(model, feature);
    }
}
