using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.ML;
using MlNetNeural.Models;
using MlNetNeural.Trainers;

namespace MlNetNeural.Federated.Sites;

/// <summary>
/// Carries the user's ML.NET trainer options to the sites and coordinator unchanged: every plain property as JSON
/// (the callback and cancellation token stay with the caller), read back into the same options class, from which the
/// library's own trainer is built. One source of truth for the architecture, optimizer, loss and data checks.
/// </summary>
internal static class TrainerOptionsCodec
{
    private static readonly JsonSerializerOptions Json = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { KeepPlainProperties } },
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The task of an options object, from its type.</summary>
    public static MlpTask TaskOf(MlpTrainerOptions options) => options switch
    {
        MlpBinaryTrainer.Options => MlpTask.BinaryClassification,
        MlpMulticlassTrainer.Options => MlpTask.MulticlassClassification,
        MlpRegressionTrainer.Options => MlpTask.Regression,
        _ => throw new ArgumentException($"Federated training takes the options of an MlNetNeural trainer, not {options.GetType().Name}.", nameof(options)),
    };

    /// <summary>The options as JSON.</summary>
    public static string Write(MlpTrainerOptions options) => JsonSerializer.Serialize(options, options.GetType(), Json);

    /// <summary>The options back from JSON.</summary>
    public static MlpTrainerOptions Read(MlpTask task, string json)
    {
        var type = task switch
        {
            MlpTask.BinaryClassification => typeof(MlpBinaryTrainer.Options),
            MlpTask.MulticlassClassification => typeof(MlpMulticlassTrainer.Options),
            MlpTask.Regression => typeof(MlpRegressionTrainer.Options),
            _ => throw new ArgumentOutOfRangeException(nameof(task), task, "Unknown MLP task."),
        };
        return (MlpTrainerOptions)(JsonSerializer.Deserialize(json, type, Json) ?? throw new InvalidDataException("The trainer options are empty."));
    }

    /// <summary>The options of <paramref name="spec"/> and the library's trainer built from them.</summary>
    public static (MlpTrainerOptions Options, IMlpTrainingSteps Trainer) Open(Protocol.TrainerSpec spec)
    {
        var options = Read((MlpTask)spec.Task, spec.TrainerOptionsJson);
        return (options, CreateTrainer(new MLContext(options.Seed ?? 0), options));
    }

    /// <summary>The library's trainer for <paramref name="options"/>, through the public catalog.</summary>
    private static IMlpTrainingSteps CreateTrainer(MLContext ml, MlpTrainerOptions options) => options switch
    {
        MlpBinaryTrainer.Options binary => ml.BinaryClassification.Trainers.Mlp(binary),
        MlpMulticlassTrainer.Options multiclass => ml.MulticlassClassification.Trainers.Mlp(multiclass),
        MlpRegressionTrainer.Options regression => ml.Regression.Trainers.Mlp(regression),
        _ => throw new ArgumentException($"Federated training takes the options of an MlNetNeural trainer, not {options.GetType().Name}.", nameof(options)),
    };

    private static void KeepPlainProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        for (int i = info.Properties.Count - 1; i >= 0; i--)
        {
            var type = info.Properties[i].PropertyType;
            if (type == typeof(CancellationToken) || typeof(Delegate).IsAssignableFrom(type)) info.Properties.RemoveAt(i);
        }
    }
}
