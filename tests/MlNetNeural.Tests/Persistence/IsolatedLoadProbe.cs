using System.Reflection;
using System.Runtime.Loader;
using Microsoft.ML;

namespace MlNetNeural.Tests.Persistence;

/// <summary>
/// Loads a saved model as a fresh process would: inside a collectible <see cref="AssemblyLoadContext"/> holding
/// fresh copies of Microsoft.ML, MlNetNeural and this test assembly (fresh statics, no registration done
/// before, nothing shared with the test's own ML.NET types), in a fresh MLContext.
/// </summary>
internal static class IsolatedLoadProbe
{
    /// <summary>Runs <see cref="LoadAndScore"/> in a new isolated load context and unloads it afterwards.</summary>
    public static float[][] RunIsolated(string modelPath, bool register, float[][] features)
    {
        var context = new BinDirectoryLoadContext();
        try
        {
            var ownCopy = context.LoadFromAssemblyPath(typeof(IsolatedLoadProbe).Assembly.Location);
            var probe = ownCopy.GetType(typeof(IsolatedLoadProbe).FullName!, throwOnError: true)!
                .GetMethod(nameof(LoadAndScore), BindingFlags.Static | BindingFlags.Public)!;
            try
            {
                var scores = (float[][])probe.Invoke(null, [modelPath, register, features])!;
                var coreCopy = context.Assemblies.Single(a => a.GetName().Name == "Microsoft.ML.Core");
                Assert.NotSame(typeof(Microsoft.ML.Runtime.IHostEnvironment).Assembly, coreCopy);
                return scores;
            }
            catch (TargetInvocationException wrapper) when (wrapper.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(wrapper.InnerException).Throw();
                throw;
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>What a user's fresh program does: new MLContext, (register), Model.Load, score.</summary>
    public static float[][] LoadAndScore(string modelPath, bool register, float[][] features)
    {
        var ml = new MLContext(seed: 7);
        if (register)
            ml.RegisterMlNetNeural();
        var model = ml.Model.Load(modelPath, out _);
        return PersistenceTestData.Doubled(model, PersistenceTestData.Load(ml, features));
    }

    private sealed class BinDirectoryLoadContext() : AssemblyLoadContext("MlNetNeural fresh load", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string candidate = Path.Combine(AppContext.BaseDirectory, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
