import type { Db } from '../db/db';
import { isUniqueViolation } from '../db/db';
import { FaqArticleEntity } from '../db/entities';
import type { FaqArticleRow } from '../domain/records';

export type FaqArticleInput = Pick<FaqArticleRow, 'slug' | 'topic' | 'question' | 'answer' | 'keywords' | 'position'>;

/** Help articles. */
export class FaqRepository {
  constructor(private readonly db: Db) {}

  all(): Promise<FaqArticleRow[]> {
    return this.db.run((em) =>
      em.getRepository(FaqArticleEntity).find({ order: { topic: 'ASC', position: 'ASC', id: 'ASC' } }),
    );
  }

  findBySlug(slug: string): Promise<FaqArticleRow | null> {
    return this.db.run((em) => em.getRepository(FaqArticleEntity).findOneBy({ slug }));
  }

  /** Creates the article with this slug or publishes its next version; true when it was created. */
  async upsert(a: FaqArticleInput): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      const updated = await this.db.run((em) =>
        em
          .createQueryBuilder()
          .update(FaqArticleEntity)
          .set({
            topic: a.topic,
            question: a.question,
            answer: a.answer,
            keywords: a.keywords,
            position: a.position,
            version: () => 'version + 1',
          })
          .where('slug = :slug', { slug: a.slug })
          .execute(),
      );
      if (updated.affected) return false;
      if (await this.insertIfAbsent(a)) return true;
      if (attempt >= 2) return false;
    }
  }

  /** Inserts an article unless its slug exists (the seed never overwrites an admin's edits); true when inserted. */
  async insertIfAbsent(a: FaqArticleInput): Promise<boolean> {
    try {
      await this.db.run((em) =>
        em.createQueryBuilder().insert().into(FaqArticleEntity).values(a).updateEntity(false).execute(),
      );
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /** Deletes by slug; true when something was deleted. */
  async remove(slug: string): Promise<boolean> {
    const r = await this.db.run((em) => em.getRepository(FaqArticleEntity).delete({ slug }));
    return (r.affected ?? 0) > 0;
  }
}
