using System.Runtime.CompilerServices;
using Microsoft.ML.Runtime;

namespace MlNetNeural.MlNet.Internals;

/// <summary>
/// Adds our loader (<see cref="ModelPersistence.Load"/>) to an environment's ML.NET component catalog,
/// under <see cref="ModelPersistence.LoaderSignature"/>. ML.NET gives each MLContext its own catalog and
/// finds loaders only there, so every MLContext that loads a model needs this once.
/// </summary>
internal static class ModelLoaderRegistration
{
    private static readonly ConditionalWeakTable<ComponentCatalog, object> Registered = new();

    /// <summary>Registers our loader in <paramref name="env"/>'s catalog; does nothing the second time.</summary>
    public static void Register(IHostEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var catalog = env.ComponentCatalog;
        lock (Registered)
        {
            if (Registered.TryGetValue(catalog, out _))
                return;

            var loadNames = new[] { ModelPersistence.LoaderSignature };
            var attribute = MlNetMembers.Invoke(MlNetMembers.LoadableClassAttributeConstructor.Value, null,
                typeof(Microsoft.ML.ITransformer), typeof(ModelPersistence), null, MlNetMembers.SignatureLoadModel,
                "MlNetNeural transformer", loadNames);
            var create = typeof(ModelPersistence).GetMethod(nameof(ModelPersistence.Load))!;
            var info = MlNetMembers.Invoke(MlNetMembers.LoadableClassInfoConstructor.Value, null,
                attribute, null, null, create, true);
            MlNetMembers.Invoke(MlNetMembers.CatalogAddClass.Value, catalog, info, loadNames, true);
            Registered.Add(catalog, new object());
        }
    }
}
