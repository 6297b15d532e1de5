using LifetimeValue.Orleans.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LifetimeValue.Orleans;

/// <summary>Registers the simulation grains' services in a silo.</summary>
public static class SimulationSiloExtensions
{
    /// <summary>
    /// Adds what <see cref="IChunkGrain"/> needs: an <see cref="ISimulationInputResolver"/> (the presets,
    /// <see cref="SimulationInputResolver.WithPresets"/>, unless one is already registered), the per-silo cache of
    /// resolved jobs, and <see cref="SimulationSiloOptions"/>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Configures the silo options; optional.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static ISiloBuilder AddLifetimeValueSimulation(this ISiloBuilder builder, Action<SimulationSiloOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddLifetimeValueSimulation(configure);
        return builder;
    }

    /// <summary>Adds the simulation services with a given resolver (see the other overload).</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="resolver">Resolves jobs on this silo; must agree with the coordinator's.</param>
    /// <param name="configure">Configures the silo options; optional.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="resolver"/> is null.</exception>
    public static ISiloBuilder AddLifetimeValueSimulation(this ISiloBuilder builder, ISimulationInputResolver resolver, Action<SimulationSiloOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(resolver);
        builder.Services.AddSingleton(resolver);
        builder.Services.AddLifetimeValueSimulation(configure);
        return builder;
    }

    /// <summary>Adds the simulation services to a silo's service collection (see the <see cref="ISiloBuilder"/> overloads).</summary>
    /// <param name="services">The silo's services.</param>
    /// <param name="configure">Configures the silo options; optional.</param>
    /// <returns>The services.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddLifetimeValueSimulation(this IServiceCollection services, Action<SimulationSiloOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ISimulationInputResolver>(_ => SimulationInputResolver.WithPresets());
        services.TryAddSingleton<ResolvedJobCache>();
        services.TryAddSingleton<ComputeGate>();
        var options = services.AddOptions<SimulationSiloOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o =>
        {
            o.Validate();
            return true;
        });
        return services;
    }
}
