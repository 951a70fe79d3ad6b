import { Injectable } from '@nestjs/common';
import { CatalogClient } from '../shared/clients/catalog.client';
import { Readiness } from '../shared/health/readiness';
import { LeaderElection } from './election/leader-election.service';

/** The frontend can serve when the catalog answers and an order leader is known. */
@Injectable()
export class FrontendReadiness extends Readiness {
  constructor(
    private readonly catalog: CatalogClient,
    private readonly election: LeaderElection,
  ) {
    super();
  }

  async check(): Promise<Record<string, unknown>> {
    await this.catalog.list();
    const leader = await this.election.leader();
    return { leader: leader.id };
  }
}
