using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.MlNet.Internals;

namespace MlNetNeural.Tests.Persistence;

public sealed class MlNetInternalsTests
{
    [Fact]
    public void Every_internal_member_we_use_exists_in_the_referenced_MlNet()
    {
        MlNetMembers.VerifyAll();
        Assert.Equal(MlNetMembers.PinnedVersion, PackageVersionOf(typeof(MLContext).Assembly));
    }

    [Fact]
    public void SchemaShapeColumns_builds_the_requested_column()
    {
        var annotations = new SchemaShape([]);

        var column = SchemaShapeColumns.Create("Score", SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, annotations);

        Assert.Equal("Score", column.Name);
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, column.Kind);
        Assert.Equal(NumberDataViewType.Single, column.ItemType);
        Assert.False(column.IsKey);
        Assert.Same(annotations, column.Annotations);
    }

    [Fact]
    public void SchemaShapeColumns_keeps_MlNets_own_argument_checks()
    {
        Assert.ThrowsAny<ArgumentException>(() =>
            SchemaShapeColumns.Create("", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void TrainerInfoFactory_sets_the_public_flags(bool normalization, bool caching)
    {
        var info = TrainerInfoFactory.Create(normalization, caching, supportsValidation: true);

        Assert.Equal(normalization, info.NeedNormalization);
        Assert.Equal(caching, info.WantCaching);
    }

    [Fact]
    public void CatalogEnvironment_returns_the_contexts_environment()
    {
        var ml = new MLContext(seed: 1);

        var env = CatalogEnvironment.Of(ml.BinaryClassification.Trainers);

        Assert.Same(ml.ComponentCatalog, env.ComponentCatalog);
    }

    [Fact]
    public void CatalogEnvironment_rejects_a_non_catalog_clearly()
    {
        var error = Assert.Throws<ArgumentException>(() => CatalogEnvironment.Of("not a catalog"));
        Assert.Contains("System.String", error.Message);
    }

    private static string PackageVersionOf(System.Reflection.Assembly assembly)
    {
        string informational = assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        return informational.Split('+', '-')[0];
    }
}
