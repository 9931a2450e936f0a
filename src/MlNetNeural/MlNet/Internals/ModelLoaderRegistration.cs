using System.Runtime.CompilerServices;
using Microsoft.ML.Runtime;

namespace MlNetNeural.MlNet.Internals;

/// <summary>
/// Adds our loader (<see cref="ModelPersistence.Load"/>) to an environment's ML.NET component catalog,
/// under <see cref="ModelPersistence.LoaderSignature"/>, and keeps the catalog's <see cref="MlNetNeuralLoadOptions"/>.
/// ML.NET gives each MLContext its own catalog and finds loaders only there, so every MLContext that loads a model
/// needs this once.
/// </summary>
internal static class ModelLoaderRegistration
{
    private static readonly ConditionalWeakTable<ComponentCatalog, MlNetNeuralLoadOptions> Registered = new();

    /// <summary>
    /// Registers our loader in <paramref name="env"/>'s catalog (once) and, when <paramref name="options"/> is given, makes
    /// them the catalog's load options (a later call with options replaces them; a call without keeps them).
    /// </summary>
    public static void Register(IHostEnvironment env, MlNetNeuralLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(env);
        options?.Validate();
        MlNetCompatibility.EnsureSupported();
        var catalog = env.ComponentCatalog;
        lock (Registered)
        {
            if (Registered.TryGetValue(catalog, out _))
            {
                if (options is not null) Registered.AddOrUpdate(catalog, options);
                return;
            }

            var loadNames = new[] { ModelPersistence.LoaderSignature };
            var attribute = MlNetMembers.Invoke(MlNetMembers.LoadableClassAttributeConstructor.Value, null,
                typeof(Microsoft.ML.ITransformer), typeof(ModelPersistence), null, MlNetMembers.SignatureLoadModel,
                "MlNetNeural transformer", loadNames);
            var create = typeof(ModelPersistence).GetMethod(nameof(ModelPersistence.Load))!;
            var info = MlNetMembers.Invoke(MlNetMembers.LoadableClassInfoConstructor.Value, null,
                attribute, null, null, create, true);
            MlNetMembers.Invoke(MlNetMembers.CatalogAddClass.Value, catalog, info, loadNames, true);
            Registered.Add(catalog, options ?? MlNetNeuralLoadOptions.Default);
        }
    }

    /// <summary>The load options registered for <paramref name="env"/>'s catalog, or the defaults.</summary>
    public static MlNetNeuralLoadOptions OptionsFor(IHostEnvironment env)
    {
        lock (Registered) return Registered.TryGetValue(env.ComponentCatalog, out var options) ? options : MlNetNeuralLoadOptions.Default;
    }
}
